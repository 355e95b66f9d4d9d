package com.kippu.atm.bank;

import com.kippu.atm.payment.PinPad;
import com.kippu.iso8583.Link;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Which link a {@link JposBankHost} speaks and with which keys: the bank host link (transfers,
 * deposits, debits with PIN) or the card network link (credit and prepaid authorizations), the
 * terminal's security module, and the PIN pad that receives the PIN key at key change (none on a
 * link that carries no PIN).
 *
 * @param pinPad null when this link carries no PIN
 */
public record LinkSetup(Link link, TerminalSecurity security, PinPad pinPad) {
  public LinkSetup {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(security, "security");
  }

  /** The bank host link without a PIN pad. */
  public static LinkSetup bankHost(TerminalSecurity security) {
    return new LinkSetup(Link.BANK_HOST, security, null);
  }

  /** The card network link. */
  public static LinkSetup cardNetwork(TerminalSecurity security) {
    return new LinkSetup(Link.CARD_NETWORK, security, null);
  }

  /** This setup with {@code pinPad} receiving the PIN key at every key change. */
  public LinkSetup withPinPad(PinPad pad) {
    return new LinkSetup(link, security, Objects.requireNonNull(pad, "pad"));
  }

  /**
   * The bank host link under the development TMK of {@code terminalId}: what the connect methods
   * without a setup use, for hosts in development mode (the simulator).
   */
  public static LinkSetup development(String terminalId) {
    byte[] tmk = TerminalSecurity.developmentMasterKey(terminalId);
    try {
      return bankHost(TerminalSecurity.withMasterKey(tmk, new SecureRandom()));
    } finally {
      java.util.Arrays.fill(tmk, (byte) 0);
    }
  }
}
