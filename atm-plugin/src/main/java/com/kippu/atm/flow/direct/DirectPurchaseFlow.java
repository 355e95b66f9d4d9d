package com.kippu.atm.flow.direct;

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
import com.kippu.atm.flow.print.ChooseDelivery;
import com.kippu.atm.flow.print.DeliverTicket;
import com.kippu.atm.flow.print.Endings;
import com.kippu.atm.flow.purchase.ChoosePayment;
import com.kippu.atm.flow.purchase.Pay;
import com.kippu.atm.flow.purchase.PrintReceipt;
import com.kippu.atm.flow.purchase.ReadCard;
import com.kippu.atm.flow.purchase.SelectSeats;
import com.kippu.atm.flow.purchase.WritePendingTickets;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.receipt.ReceiptPrinter;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.ticket.TicketPrinter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Flow F6 (S1 ¶108-110): a ticket bought without a reservation. The customer chooses the seats, the
 * issuer quotes price and payee, the customer pays, and the center sells and issues in one request
 * under a journaled request number; the ticket is printed or written to the card, with a receipt.
 * Seats sold to someone else after payment send the customer back to choose, the payment taken back
 * on the way; a quote that runs out before payment is asked for again.
 */
public final class DirectPurchaseFlow {
  public static final String NAME = "F6-direct-purchase";

  private final FlowRunner<PurchaseSession> runner;
  private final Endings endings;

  public DirectPurchaseFlow(
      IcCard card,
      TicketCard tickets,
      IssuerCenter center,
      PaymentMethods methods,
      PurchaseRecovery recovery,
      ReceiptPrinter printer,
      Optional<TicketPrinter> ticketPrinter,
      CustomerTerminal host,
      Messages messages,
      Journal journal,
      Clock clock,
      ZoneId zone) {
    CustomerTerminal customer = messages.rendering(host);
    SelectSeats selectSeats = new SelectSeats(center, customer, zone);
    QuoteSeats quote = new QuoteSeats(center, customer);
    ChoosePayment choosePayment = new ChoosePayment(methods, customer, zone);
    Pay pay = new Pay(methods, customer);
    PrintReceipt receipt = new PrintReceipt(printer, methods, clock, zone);
    this.endings = new Endings(customer, receipt);
    Flow<PurchaseSession> flow =
        Flow.<PurchaseSession>named(NAME)
            .step(new ReadCard(card))
            .step(new WritePendingTickets(card, tickets, center, methods, journal, recovery))
            .step(selectSeats)
            .step(quote)
            .on(SEAT_TAKEN, backTo(selectSeats))
            .step(new ChooseDelivery(customer, ticketPrinter.isPresent()))
            .step(choosePayment)
            .step(new ConfirmQuote(customer, clock))
            .on(HOLD_LAPSED, backTo(quote))
            .step(pay)
            .on(TRY_AGAIN, backTo(pay))
            .on(DECLINED, backTo(choosePayment))
            .step(new BuyTicket(center, methods, customer, clock))
            .on(SEAT_TAKEN, backTo(selectSeats))
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
