package com.kippu.gate;

import com.kippu.atm.center.EventTimes;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.center.Ticket;
import com.kippu.gate.check.Refusal;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the gate decided for one presentation, and what staff see (S1 ¶79): the decoded ticket
 * (event, seat, holder), the reason for a refusal, whether the center was asked, and any record of
 * the card that had to be skipped.
 */
public record GateResult(
    Optional<Ticket> ticket,
    Optional<Refusal> refusal,
    String detail,
    Optional<String> holder,
    boolean online,
    List<String> cardProblems) {

  public GateResult {
    cardProblems = List.copyOf(cardProblems);
  }

  public boolean admitted() {
    return refusal.isEmpty();
  }

  static GateResult refused(Refusal refusal, String detail, Optional<String> holder) {
    return new GateResult(Optional.empty(), Optional.of(refusal), detail, holder, false, List.of());
  }

  /** The lines on the staff display. */
  public List<String> staffView(ZoneId zone) {
    List<String> lines = new ArrayList<>();
    lines.add(
        admitted()
            ? "ADMIT"
            : "REFUSED: " + refusal.get().staffText() + " (" + refusal.get() + ": " + detail + ")");
    ticket.ifPresent(
        t -> {
          lines.add("  ticket   " + t.ticketNumber() + " (issue no " + t.issueNumber() + ")");
          lines.add(
              "  event    "
                  + t.title()
                  + " at "
                  + t.venue()
                  + ", "
                  + EventTimes.local(t.startsAt(), zone)
                  + " ["
                  + t.eventId()
                  + "]");
          for (ReservedSeat s : t.seats()) {
            lines.add("  seat     " + s.label());
          }
          lines.add("  card     " + t.cardId() + holder.map(h -> ", holder " + h).orElse(""));
          lines.add("  issuer   " + t.issuerName() + " (" + t.issuerId() + ")");
        });
    if (ticket.isEmpty()) {
      holder.ifPresent(h -> lines.add("  holder   " + h));
    }
    lines.add("  decided  " + (online ? "online, with the issuer's record" : "offline"));
    for (String p : cardProblems) {
      lines.add("  skipped  " + p);
    }
    return lines;
  }
}
