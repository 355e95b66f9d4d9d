package com.kippu.atm.flow.reservation;

import com.kippu.atm.center.EventTimes;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.receipt.ReceiptException;
import com.kippu.atm.receipt.ReceiptPrinter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the reservation slip: what was reserved, its number and the payment deadline. The card
 * holds the reservation, so a printer fault is journaled and the session completes.
 */
public final class PrintReservationSlip implements Step<PurchaseSession> {
  private final ReceiptPrinter printer;
  private final Clock clock;
  private final ZoneId zone;

  public PrintReservationSlip(ReceiptPrinter printer, Clock clock, ZoneId zone) {
    this.printer = printer;
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public String id() {
    return "print-slip";
  }

  @Override
  public Outcome run(PurchaseSession session) {
    try {
      printer.print(lines(session));
    } catch (ReceiptException e) {
      session.ticket().receiptProblem(e.getMessage());
    }
    return Outcome.next();
  }

  List<String> lines(PurchaseSession session) {
    Reservation r = session.hold().granted();
    List<String> lines = new ArrayList<>();
    lines.add("KIPPU TICKET SERVICE");
    lines.add(
        EventTimes.localToSecond(clock.instant(), zone)
            + "  TERM "
            + session.terminal().terminalId());
    lines.add("----------------------------------------");
    lines.add("RESERVATION - NOT YET PAID");
    lines.add(r.title());
    lines.add(r.venue() + "  " + EventTimes.local(r.startsAt(), zone));
    for (ReservedSeat s : r.seats()) {
      lines.add("  " + s.label() + "  " + s.price());
    }
    lines.add("AMOUNT           " + r.amount());
    lines.add("PAY BY           " + EventTimes.local(r.expiresAt(), zone));
    lines.add("RESERVATION " + r.number());
    lines.add("ISSUER " + r.issuerName());
    lines.add("WRITTEN TO IC CARD " + session.card().requiredCardId());
    lines.add("----------------------------------------");
    lines.add("PAY AT ANY KIPPU TERMINAL WITH THIS CARD");
    return lines;
  }
}
