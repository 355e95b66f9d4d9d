package com.kippu.atm.flow.purchase;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.receipt.ReceiptPrinter;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.atm.spi.CustomerTerminal;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;

/**
 * Flow F5 (S1 Fig. 9, ¶91-107): reserve, pay and issue in one session, the ticket written to the
 * customer's IC card and a receipt printed. The order of the steps lives here and nowhere else.
 * {@code holdMargin} is how long the hold must still last when the debit starts ({@link
 * ConfirmHold#margin}).
 */
public final class ReserveAndIssueFlow {
  public static final String NAME = "F5-reserve-pay-issue";

  private final FlowRunner<PurchaseSession> runner;
  private final CustomerTerminal customer;

  public ReserveAndIssueFlow(
      IcCard card,
      TicketCard tickets,
      IssuerCenter center,
      BankHost bank,
      PinPad pinPad,
      ReceiptPrinter printer,
      CustomerTerminal customer,
      Journal journal,
      Clock clock,
      ZoneId zone,
      Duration holdMargin) {
    this.customer = customer;
    this.runner =
        new FlowRunner<>(
            NAME,
            List.of(
                new ReadCard(card),
                new WritePendingTickets(
                    card, tickets, center, journal, new PurchaseRecovery(journal, center, bank)),
                new SelectSeats(center, customer, zone),
                new HoldSeats(center, customer, clock),
                new ChoosePayment(customer, zone),
                new ConfirmHold(center, customer, clock, zone, holdMargin),
                new DebitAccount(bank, pinPad, customer),
                new IssueTicket(center, bank, customer),
                new WriteTicketToCard(card, tickets),
                new PrintReceipt(printer, clock, zone)),
            journal);
  }

  public FlowRunner.Result run(PurchaseSession session) {
    FlowRunner.Result result = runner.run(session);
    if (result.completed()) {
      customer.inform(
          Screens.notice(
              "completed",
              "Thank you",
              "Your ticket " + session.ticket().orElseThrow().ticketNumber() + " is on your card.",
              "Please take your card and receipt."));
    } else {
      customer.inform(
          Screens.notice("ended", "Session ended", result.reason(), "Please take your card."));
    }
    return result;
  }
}
