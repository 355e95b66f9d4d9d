package com.kippu.simulator.bank;

import com.kippu.atm.bank.BankLinkConfig;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.bank.LinkSetup;
import com.kippu.atm.bank.TerminalSecurity;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.center.home.BankAuthorizer;
import com.kippu.center.home.CardAuthorizer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

/**
 * The center's own route to the user's bank for a home PC's online banking (F13, S2 ¶51): an ISO
 * 8583 0200 transfer over the same MACed jPOS link a terminal uses, under the center's own terminal
 * id and master key at the bank host. The user's online-banking PIN, which reached the center over
 * TLS, is turned into a PIN block under the link's PIN key by the center's own security module (a
 * software PIN pad standing for its HSM) and wiped; the bank checks it against the cash card of the
 * account as for any transfer. The link keeps each approval's reversal, so a 0420 takes it back.
 */
public final class CenterBankAuthorizer implements BankAuthorizer, AutoCloseable {
  /** The center's terminal id at the bank host. */
  public static final String TERMINAL_ID = "CTR00002";

  private final BankHost link;
  private final SoftwarePinPad hsm;

  private CenterBankAuthorizer(BankHost link, SoftwarePinPad hsm) {
    this.link = link;
    this.hsm = hsm;
  }

  /** Connects to the bank host at {@code port} on loopback, state in {@code stateFile}. */
  public static CenterBankAuthorizer connect(int port, byte[] tmk, Path stateFile, Clock clock)
      throws BankUnavailableException {
    SoftwarePinPad hsm = new SoftwarePinPad(tmk.clone());
    return new CenterBankAuthorizer(
        JposBankHost.connect(
            new BankLinkConfig(
                "127.0.0.1",
                port,
                Duration.ofSeconds(5),
                Duration.ofSeconds(5),
                TERMINAL_ID,
                "KIPPU-CENTER",
                "000009"),
            LinkSetup.bankHost(TerminalSecurity.withMasterKey(tmk.clone(), new SecureRandom()))
                .withPinPad(hsm),
            stateFile,
            clock),
        hsm);
  }

  @Override
  public CardAuthorizer.Authorization transfer(
      String reference, String fromAccount, char[] pin, String toAccount, long amountYen)
      throws CardAuthorizer.UnavailableException {
    TransferResult r;
    try {
      AccountNumber from = new AccountNumber(fromAccount);
      CardNumber cashCard = CardNumber.ofCashAccount(from);
      r =
          link.transfer(
              new TransferRequest(
                  reference,
                  cashCard,
                  from,
                  new AccountNumber(toAccount),
                  Money.yen(amountYen),
                  hsm.pinBlock(cashCard, new String(pin))));
    } catch (BankUnavailableException | IllegalArgumentException | IllegalStateException e) {
      throw new CardAuthorizer.UnavailableException("bank host: " + e.getMessage(), e);
    } finally {
      Arrays.fill(pin, '\0');
    }
    return new CardAuthorizer.Authorization(
        r.responseCode(), r.rrn(), r.approvalCode(), r.stan(), r.transmittedAt());
  }

  /**
   * Waits until every reversal the center's link stored (a transfer taken back, or one whose answer
   * was lost) has been confirmed by the bank; false when some are still pending after {@code
   * timeout}.
   */
  public boolean awaitNoPendingReversals(Duration timeout) throws InterruptedException {
    return ((com.kippu.atm.bank.JposBankHost) link).awaitNoPendingReversals(timeout);
  }

  @Override
  public boolean reverse(String reference) throws CardAuthorizer.UnavailableException {
    try {
      return link.reverseApproved(reference);
    } catch (BankUnavailableException e) {
      throw new CardAuthorizer.UnavailableException("bank host: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    link.close();
  }
}
