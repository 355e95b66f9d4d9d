package com.kippu.simulator.bank;

import com.kippu.atm.bank.LinkSetup;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.TransferRequest;

/**
 * The cash cards of the tests' customers: each account's card (its number derived from the account)
 * is issued with {@link #PIN}, and a transfer is paid with that PIN typed on a {@link
 * SoftwarePinPad} that took the link's PIN key.
 */
public final class CashCards {
  /** The PIN of every test customer's cash card. */
  public static final String PIN = "2468";

  private CashCards() {}

  /** Issues the cash card of each of {@code accounts} with {@link #PIN}. */
  public static void issue(BankHostServer server, AccountNumber... accounts) {
    for (AccountNumber a : accounts) {
      server.issueCashCard(CardNumber.ofCashAccount(a), a, PIN.toCharArray());
    }
  }

  /** The development link of {@code terminalId}, its PIN key going to {@code pad}. */
  public static LinkSetup setup(String terminalId, SoftwarePinPad pad) {
    return LinkSetup.development(terminalId).withPinPad(pad);
  }

  /** A transfer from {@code from}'s cash card with {@link #PIN} typed on {@code pad}. */
  public static TransferRequest transfer(
      SoftwarePinPad pad, String transactionId, AccountNumber from, AccountNumber to, long yen) {
    return transfer(pad, PIN, transactionId, from, to, yen);
  }

  /**
   * As {@link #transfer(SoftwarePinPad, String, AccountNumber, AccountNumber, long)}, typing {@code
   * pin}.
   */
  public static TransferRequest transfer(
      SoftwarePinPad pad,
      String pin,
      String transactionId,
      AccountNumber from,
      AccountNumber to,
      long yen) {
    CardNumber card = CardNumber.ofCashAccount(from);
    return new TransferRequest(
        transactionId, card, from, to, Money.yen(yen), pad.pinBlock(card, pin));
  }
}
