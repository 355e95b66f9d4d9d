package com.kippu.atm.flow.reservation;

import static com.kippu.atm.flow.Flow.backTo;
import static com.kippu.atm.flow.Signal.CONDITIONS_CHANGED;
import static com.kippu.atm.flow.Signal.SEAT_TAKEN;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.flow.Flow;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.ReadCard;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.flow.purchase.SelectSeats;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.receipt.ReceiptPrinter;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.Text;
import java.time.Clock;
import java.time.ZoneId;

/**
 * Flow F1 (S1 Fig. 2, ¶34-42): the customer enters ticket conditions, sees availability and changes
 * them until satisfied, registers a reservation to pay later with the card id and a request number,
 * and gets the issuer's signed reservation info, checked, on the card's write-once area with a
 * slip. Nothing is paid; F2/F3 pay it at any terminal before its deadline.
 */
public final class ReserveToCardFlow {
  public static final String NAME = "F1-reserve-to-card";

  private final FlowRunner<PurchaseSession> runner;
  private final CustomerTerminal customer;
  private final ZoneId zone;

  public ReserveToCardFlow(
      IcCard card,
      ReservationRecords records,
      IssuerCenter center,
      ReceiptPrinter printer,
      CustomerTerminal host,
      Messages messages,
      Journal journal,
      Clock clock,
      ZoneId zone) {
    CustomerTerminal customer = messages.rendering(host);
    this.customer = customer;
    this.zone = zone;
    SelectSeats selectSeats = new SelectSeats(center, customer, zone);
    Flow<PurchaseSession> flow =
        Flow.<PurchaseSession>named(NAME)
            .step(new ReadCard(card))
            .step(selectSeats)
            .step(new ReserveSeats(center, customer, clock))
            .on(SEAT_TAKEN, backTo(selectSeats))
            .step(new ConfirmReservation(customer, zone))
            .on(CONDITIONS_CHANGED, backTo(selectSeats))
            .step(new WriteReservationToCard(card, records))
            .step(new PrintReservationSlip(printer, clock, zone))
            .build();
    this.runner = new FlowRunner<>(flow, journal);
  }

  public FlowRunner.Result run(PurchaseSession session) {
    FlowRunner.Result result = runner.run(session);
    if (result.completed()) {
      var r = session.hold().granted();
      customer.inform(
          Screens.notice(
              "reserved",
              Text.of("reserved.title"),
              Text.of("reserved.line", r.number().value()),
              Text.of("reserved.deadline", Screens.when(r.expiresAt(), zone), r.amount()),
              Text.of("completed.take")));
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
