package com.kippu.atm.flow.print;

import com.kippu.atm.center.EventTimes;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.center.TicketCode;
import com.kippu.atm.ticket.TicketFace;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The face of a printed ticket (F2, S1 ¶62): event, venue and time, seats, issuer, issue and ticket
 * number, and the QR code carrying the issuer's signed ticket; a replacement says which ticket it
 * voids.
 */
public final class TicketFaces {
  private TicketFaces() {}

  public static TicketFace of(
      Ticket t, String replaces, String terminalId, Instant printedAt, ZoneId zone) {
    List<String> lines = new ArrayList<>();
    lines.add("KIPPU TICKET");
    lines.add(t.title());
    lines.add(t.venue());
    lines.add(EventTimes.local(t.startsAt(), zone));
    for (ReservedSeat s : t.seats()) {
      lines.add("SEAT " + s.label() + "  " + s.price());
    }
    lines.add("ISSUER " + t.issuerName());
    lines.add("ISSUE NO " + t.issueNumber());
    lines.add("TICKET " + t.ticketNumber());
    if (replaces != null) {
      lines.add("REPLACES TICKET " + replaces + " (VOID)");
    }
    lines.add("PRINTED " + EventTimes.localToSecond(printedAt, zone) + " TERM " + terminalId);
    return new TicketFace(lines, TicketCode.encode(t.signed()));
  }
}
