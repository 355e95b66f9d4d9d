package com.kippu.simulator.network;

import com.kippu.atm.bank.BankLinkConfig;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.bank.LinkSetup;
import com.kippu.atm.bank.TerminalSecurity;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.AuthorizationResult;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.Money;
import com.kippu.center.home.CardAuthorizer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * The center's own route to the card network for home PC payments (F13, S2 ¶49-51): an ISO 8583
 * 0100 credit authorization over the same MACed jPOS link a terminal uses, under the center's own
 * terminal id and master key at the network, with its reversal store, so a 0420 takes an approval
 * back.
 */
public final class CenterCardAuthorizer implements CardAuthorizer, AutoCloseable {
  /** The center's terminal id at the card network. */
  public static final String TERMINAL_ID = "CTR00001";

  private final BankHost link;

  private CenterCardAuthorizer(BankHost link) {
    this.link = link;
  }

  /** Connects to the network at {@code port} on loopback, state in {@code stateFile}. */
  public static CenterCardAuthorizer connect(int port, byte[] tmk, Path stateFile, Clock clock)
      throws BankUnavailableException {
    return new CenterCardAuthorizer(
        JposBankHost.connect(
            new BankLinkConfig(
                "127.0.0.1",
                port,
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                TERMINAL_ID,
                "KIPPU-CENTER",
                "000009"),
            LinkSetup.cardNetwork(TerminalSecurity.withMasterKey(tmk, new SecureRandom())),
            stateFile,
            clock));
  }

  @Override
  public Authorization authorize(
      String reference, String cardNumber, String expiryYymm, long amountYen)
      throws UnavailableException {
    int year = 2000 + Integer.parseInt(expiryYymm.substring(0, 2));
    int month = Integer.parseInt(expiryYymm.substring(2));
    AuthorizationResult r;
    try {
      r =
          link.authorize(
              new AuthorizationRequest(
                  reference,
                  AuthorizationRequest.Kind.CREDIT,
                  new CardNumber(cardNumber),
                  CardExpiry.of(year, month),
                  null,
                  Money.yen(amountYen),
                  null));
    } catch (BankUnavailableException | IllegalArgumentException e) {
      throw new UnavailableException("card network: " + e.getMessage(), e);
    }
    return new Authorization(
        r.responseCode(), r.rrn(), r.approvalCode(), r.stan(), r.transmittedAt());
  }

  @Override
  public boolean reverse(String reference) throws UnavailableException {
    try {
      return link.reverseApproved(reference);
    } catch (BankUnavailableException e) {
      throw new UnavailableException("card network: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    link.close();
  }
}
