package com.kippu.atm.flow.purchase;

import static com.kippu.atm.flow.Flow.backTo;
import static com.kippu.atm.flow.Signal.DECLINED;
import static com.kippu.atm.flow.Signal.HOLD_LAPSED;
import static com.kippu.atm.flow.Signal.SEAT_TAKEN;
import static com.kippu.atm.flow.Signal.TRY_AGAIN;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.flow.Flow;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.receipt.ReceiptPrinter;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

/**
 * Flow F5 (S1 Fig. 9, ¶91-107): reserve, pay and issue in one session, the ticket written to the
 * customer's IC card and a receipt printed. The order of the steps and every way back live here and
 * nowhere else. {@code holdMargin} is how long the hold must still last when the payment starts
 * ({@link ConfirmHold#margin}).
 */
public final class ReserveAndIssueFlow {
  public static final String NAME = "F5-reserve-pay-issue";

  private final FlowRunner<PurchaseSession> runner;
  private final CustomerTerminal customer;
  private final PrintReceipt receipt;

  public ReserveAndIssueFlow(
      IcCard card,
      TicketCard tickets,
      IssuerCenter center,
      PaymentMethods methods,
      PurchaseRecovery recovery,
      ReceiptPrinter printer,
      CustomerTerminal host,
      Messages messages,
      Journal journal,
      Clock clock,
      ZoneId zone,
      Duration holdMargin) {
    CustomerTerminal customer = messages.rendering(host);
    this.customer = customer;
    SelectSeats selectSeats = new SelectSeats(center, customer, zone);
    ChoosePayment choosePayment = new ChoosePayment(methods, customer, zone);
    Pay pay = new Pay(methods, customer);
    this.receipt = new PrintReceipt(printer, methods, clock, zone);
    Flow<PurchaseSession> flow =
        Flow.<PurchaseSession>named(NAME)
            .step(new ReadCard(card))
            .step(new WritePendingTickets(card, tickets, center, methods, journal, recovery))
            .step(selectSeats)
            .step(new HoldSeats(center, customer, clock))
            .on(SEAT_TAKEN, backTo(selectSeats))
            .step(choosePayment)
            .step(new ConfirmHold(customer, clock, zone, holdMargin))
            .on(HOLD_LAPSED, backTo(selectSeats))
            .step(pay)
            .on(TRY_AGAIN, backTo(pay))
            .on(DECLINED, backTo(choosePayment))
            .step(new IssueTicket(center, methods, customer))
            .step(new WriteTicketToCard(card, tickets))
            .step(receipt)
            .build();
    this.runner = new FlowRunner<>(flow, journal);
  }

  public FlowRunner.Result run(PurchaseSession session) {
    FlowRunner.Result result = runner.run(session);
    if (result.completed()) {
      customer.inform(
          Screens.notice(
              "completed",
              Text.of("completed.title"),
              Text.of("completed.line", session.ticket().number().orElseThrow()),
              Text.of("completed.take")));
    } else if (FlowRunner.UNSETTLED.equals(result.state()) && session.payment().mayHaveMoved()) {
      receipt.printPending(session);
      customer.inform(
          Screens.notice(
              "ticket-pending",
              Text.of("ticket-pending.title"),
              Text.of("ticket-pending.line", session.hold().number().orElseThrow().value()),
              Text.of("ticket-pending.later"),
              Text.of("ticket-pending.take")));
    } else {
      customer.inform(
          Screens.notice(
              "ended",
              Text.of("ended.title"),
              Text.of(
                  FlowRunner.CANCELLED.equals(result.state()) ? "ended.cancelled" : "ended.failed"),
              Text.of("ended.take")));
    }
    return result;
  }
}
