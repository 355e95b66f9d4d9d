package com.kippu.atm.flow.users;

import com.kippu.atm.center.CardReissue;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.receipt.ReceiptException;
import com.kippu.atm.receipt.ReceiptPrinter;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The slip of a lost-card session: the card invalidated and when, the new card and every ticket
 * reissued onto it with the one it replaces, and the prepaid value moved. Never a PIN. A printer
 * fault is journaled; the reissue stands.
 */
public final class PrintUserReceipt implements Step<UserSession> {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

  private final ReceiptPrinter printer;
  private final Clock clock;
  private final ZoneId zone;

  public PrintUserReceipt(ReceiptPrinter printer, Clock clock, ZoneId zone) {
    this.printer = printer;
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public String id() {
    return "print-receipt";
  }

  @Override
  public Outcome run(UserSession session) {
    List<String> lines = new ArrayList<>();
    lines.add("KIPPU LOST CARD REISSUE");
    lines.add(TIME.format(LocalDateTime.ofInstant(clock.instant(), zone)));
    lines.add("TERMINAL " + session.terminal().terminalId());
    lines.add("USER " + session.requiredUser().value());
    lines.add("CARD " + session.lostCard().value() + " INVALIDATED");
    session
        .get(UserSession.LOST_AT)
        .ifPresent(at -> lines.add("  SINCE " + TIME.format(LocalDateTime.ofInstant(at, zone))));
    CardReissue done = session.reissue().orElseThrow();
    lines.add("NEW CARD " + done.newCard().value());
    for (CardReissue.Reissued r : done.tickets()) {
      lines.add("  TICKET " + r.ticket().ticketNumber() + " REPLACES " + r.replaces());
      lines.add("    " + r.ticket().title());
    }
    for (CardReissue.ReissuedPass p : done.passes()) {
      lines.add("  PASS " + p.pass().passNumber() + " REPLACES " + p.replaces());
      lines.add("    " + p.pass().fromStation() + " - " + p.pass().toStation());
      lines.add("    UNTIL " + p.pass().validUntil());
    }
    if (done.valueYen() > 0) {
      lines.add("  PREPAID VALUE JPY " + done.valueYen());
    }
    lines.add("ITEMS REISSUED " + (done.tickets().size() + done.passes().size()));
    try {
      printer.print(lines);
    } catch (ReceiptException e) {
      session.put(UserSession.PROBLEM, "receipt not printed: " + e.getMessage());
    }
    return Outcome.next();
  }
}
