package com.kippu.atm.flow.purchase;

import com.kippu.atm.center.Reservation;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.atm.spi.CustomerTerminal;

/**
 * Transfers the price from the customer's account to the issuer's account (S1 ¶57, S39-S41). A
 * decline returns the customer to the choice of payment (S1 ¶58); compensation reverses an approved
 * transfer for which no ticket was issued.
 */
public final class DebitAccount implements Step<PurchaseSession> {
  private final BankHost bank;
  private final CustomerTerminal customer;

  public DebitAccount(BankHost bank, CustomerTerminal customer) {
    this.bank = bank;
    this.customer = customer;
  }

  @Override
  public void prepare(PurchaseSession session) {
    Reservation r = session.reservation().orElseThrow();
    session.debitRequested(
        new TransferRequest(
            session.nextPaymentId(), session.chip().account(), r.issuerAccount(), r.amount()));
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
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
