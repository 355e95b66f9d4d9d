package com.kippu.atm.flow.purchase;

import com.kippu.atm.center.Reservation;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.PinBlock;
import com.kippu.atm.payment.PinEntryCancelledException;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.atm.spi.CustomerTerminal;

/**
 * Transfers the price from the customer's account to the issuer's account (S1 ¶57, S39-S41), with
 * the PIN of the account's cash card typed on the PIN pad. A decline or a cancelled PIN entry
 * returns the customer to the choice of payment (S1 ¶58); compensation reverses an approved
 * transfer for which no ticket was issued.
 */
public final class DebitAccount implements Step<PurchaseSession> {
  private final BankHost bank;
  private final PinPad pinPad;
  private final CustomerTerminal customer;

  /** Why the last {@link #prepare} has no PIN (cancelled, timed out, pad failed); null with one. */
  private String noPin;

  public DebitAccount(BankHost bank, PinPad pinPad, CustomerTerminal customer) {
    this.bank = bank;
    this.pinPad = pinPad;
    this.customer = customer;
  }

  /**
   * Reads the PIN before the transfer is recorded, so that the payment the journal names is the one
   * that may move money; without a PIN nothing is recorded and {@link #run} sends nothing.
   */
  @Override
  public void prepare(PurchaseSession session) {
    Reservation r = session.reservation().orElseThrow();
    AccountNumber from = session.chip().account();
    // The IC card holds only the account reference; its cash card number follows from it.
    CardNumber card = CardNumber.ofCashAccount(from);
    PinBlock pin;
    try {
      pin = pinPad.readPin(card);
    } catch (PinEntryCancelledException e) {
      noPin = e.getMessage();
      return;
    } catch (RuntimeException e) {
      noPin = "PIN pad failed: " + e.getMessage();
      return;
    }
    noPin = null;
    session.debitRequested(
        new TransferRequest(
            session.nextPaymentId(), card, from, r.issuerAccount(), r.amount(), pin));
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    if (noPin != null) {
      customer.inform(
          Screens.notice(
              "pin-not-entered",
              "Payment not completed",
              "No PIN was entered.",
              "Please choose again."));
      return Outcome.backTo(ChoosePayment.class, "no PIN: " + noPin);
    }
    TransferRequest request = session.transfer().orElseThrow();
    TransferResult result;
    try {
      result = bank.transfer(request);
    } catch (BankUnavailableException e) {
      // The link has queued a reversal; the money may have moved until the host confirms it.
      customer.inform(
          Screens.notice(
              "bank-unavailable",
              "Payment not completed",
              "The bank could not be reached.",
              "Please choose again."));
      return Outcome.backTo(ChoosePayment.class, "bank unavailable: " + e.getMessage());
    }
    if (!result.approved()) {
      session.debitSettledWithoutMoney();
      customer.inform(
          Screens.notice(
              "payment-declined",
              "Payment not completed",
              declineText(result.responseCode()),
              "Please choose again."));
      return Outcome.backTo(
          ChoosePayment.class, "declined, response code " + result.responseCode());
    }
    session.debitApproved(result);
    return Outcome.next();
  }

  @Override
  public void compensate(PurchaseSession session) throws Exception {
    if (session.approval().isEmpty() || session.ticket().isPresent()) {
      return;
    }
    bank.reverse(session.transfer().orElseThrow(), session.approval().get());
    session.debitSettledWithoutMoney();
  }

  private static String declineText(String responseCode) {
    return switch (responseCode) {
      case "51" -> "Insufficient funds in your account.";
      case "14" -> "The account cannot be used.";
      case "54" -> "Your card has expired.";
      case "55" -> "The PIN is not correct.";
      case "75" -> "Too many wrong PIN entries.";
      case "91" -> "Your bank is not available now.";
      default -> "The bank declined the payment (code " + responseCode + ").";
    };
  }
}
