package com.kippu.atm.flow.collect;

import static com.kippu.atm.flow.Flow.backTo;
import static com.kippu.atm.flow.Signal.DECLINED;
import static com.kippu.atm.flow.Signal.HOLD_LAPSED;
import static com.kippu.atm.flow.Signal.TRY_AGAIN;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.flow.Flow;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.print.ChooseDelivery;
import com.kippu.atm.flow.print.DeliverTicket;
import com.kippu.atm.flow.print.Endings;
import com.kippu.atm.flow.purchase.ChoosePayment;
import com.kippu.atm.flow.purchase.ConfirmHold;
import com.kippu.atm.flow.purchase.IssueTicket;
import com.kippu.atm.flow.purchase.Pay;
import com.kippu.atm.flow.purchase.PrintReceipt;
import com.kippu.atm.flow.purchase.ReadCard;
import com.kippu.atm.flow.purchase.WritePendingTickets;
import com.kippu.atm.flow.reservation.ReservationRecords;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.receipt.ReceiptPrinter;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.ticket.TicketPrinter;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Flows F2 and F3 (S1 Fig. 4 and 6, ¶43-79): a reservation on the card is paid and issued, the
 * ticket printed on the ticket printer (F2) or written to the card (F3), as the customer chooses,
 * with a receipt. The reservation stays the customer's whatever happens here: a declined payment
 * goes back to the choice of method, a lapsing one back to the list.
 */
public final class PayReservationFlow {
  public static final String NAME = "F2F3-pay-reservation";

  private final FlowRunner<PurchaseSession> runner;
  private final Endings endings;

  public PayReservationFlow(
      IcCard card,
      TicketCard tickets,
      ReservationRecords reservations,
      IssuerCenter center,
      PaymentMethods methods,
      PurchaseRecovery recovery,
      ReceiptPrinter printer,
      Optional<TicketPrinter> ticketPrinter,
      CustomerTerminal host,
      Messages messages,
      Journal journal,
      Clock clock,
      ZoneId zone,
      Duration margin) {
    CustomerTerminal customer = messages.rendering(host);
    ChooseReservation chooseReservation =
        new ChooseReservation(card, reservations, center, customer, clock, zone, margin);
    ChoosePayment choosePayment = new ChoosePayment(methods, customer, zone);
    Pay pay = new Pay(methods, customer);
    PrintReceipt receipt = new PrintReceipt(printer, methods, clock, zone);
    this.endings = new Endings(customer, receipt);
    Flow<PurchaseSession> flow =
        Flow.<PurchaseSession>named(NAME)
            .step(new ReadCard(card))
            .step(new WritePendingTickets(card, tickets, center, methods, journal, recovery))
            .step(chooseReservation)
            .step(new ChooseDelivery(customer, ticketPrinter.isPresent()))
            .step(choosePayment)
            .step(new ConfirmHold(customer, clock, zone, margin))
            .on(HOLD_LAPSED, backTo(chooseReservation))
            .step(pay)
            .on(TRY_AGAIN, backTo(pay))
            .on(DECLINED, backTo(choosePayment))
            .step(new IssueTicket(center, methods, customer))
            .step(
                new DeliverTicket(
                    card, tickets, ticketPrinter, center, customer, journal, NAME, clock, zone))
            .step(receipt)
            .build();
    this.runner = new FlowRunner<>(flow, journal);
  }

  public FlowRunner.Result run(PurchaseSession session) {
    return endings.show(session, runner.run(session));
  }
}
