package com.kippu.atm.ops;

import com.kippu.atm.journal.JournalEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * The electronic journal as an operator reads it: printable lines per session (each entry with only
 * the facts it changed) and per day (every session, then the operations log, then totals), and the
 * same records as CSV. Everything passes {@link Masking} on the way out.
 */
public final class JournalPrinter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String CSV_HEADER = "record,session,seq,at,flow,state,detail";

  private final ZoneId zone;

  public JournalPrinter(ZoneId zone) {
    this.zone = zone;
  }

  /** One session: header, money state, then each entry with what it changed. */
  public List<String> session(List<JournalEntry> entries) {
    SessionSummary s = SessionSummary.of(entries);
    List<String> lines = new ArrayList<>();
    lines.add("SESSION " + s.id() + "  " + s.flow());
    lines.add(
        "  started "
            + DATE_TIME.format(s.started().atZone(zone))
            + "  ended "
            + TIME.format(s.ended().atZone(zone))
            + "  "
            + s.lastState());
    lines.add("  money: " + Masking.text(s.moneyState()));
    s.staffNote().ifPresent(n -> lines.add("  staff: " + Masking.text(n)));
    Map<String, String> before = Map.of();
    for (JournalEntry e : entries) {
      lines.add(
          String.format(
              "  %s  %-28s %s",
              TIME.format(e.at().atZone(zone)), e.state(), Masking.text(changes(before, e))));
      before = e.facts();
    }
    return lines;
  }

  /** A whole day: every session, the operations log, and the day's totals. */
  public List<String> day(
      String terminalId,
      LocalDate day,
      List<List<JournalEntry>> sessions,
      List<OperationsLog.Entry> operations) {
    List<String> lines = new ArrayList<>();
    lines.add("ELECTRONIC JOURNAL  terminal " + terminalId + "  " + day + " (" + zone + ")");
    lines.add("=".repeat(78));
    long paid = 0;
    int payments = 0;
    for (List<JournalEntry> entries : sessions) {
      lines.addAll(session(entries));
      lines.add("");
      SessionSummary s = SessionSummary.of(entries);
      if (s.reference().isPresent() && !s.takenBack()) {
        payments++;
        paid += s.amountYen();
      }
    }
    lines.add("OPERATIONS");
    if (operations.isEmpty()) {
      lines.add("  none");
    }
    for (OperationsLog.Entry o : operations) {
      lines.add(operation(o));
    }
    lines.add("=".repeat(78));
    lines.add(
        String.format(
            "sessions %d  payments standing %d  JPY %,d  operations %d",
            sessions.size(), payments, paid, operations.size()));
    return lines;
  }

  /** One record of the operations log as a printable line. */
  public String operation(OperationsLog.Entry o) {
    return String.format(
        "  %s  #%d %-8s %s: %s",
        DATE_TIME.format(o.at().atZone(zone)),
        o.sequence(),
        o.kind(),
        Masking.text(o.subject()),
        Masking.text(o.text()));
  }

  /** The same records as CSV, one row per journal entry and per operation. */
  public List<String> csv(List<List<JournalEntry>> sessions, List<OperationsLog.Entry> operations) {
    List<String> rows = new ArrayList<>();
    rows.add(CSV_HEADER);
    for (List<JournalEntry> entries : sessions) {
      Map<String, String> before = Map.of();
      for (JournalEntry e : entries) {
        rows.add(
            row(
                "journal",
                e.sessionId().value(),
                Long.toString(e.sequence()),
                iso(e.at()),
                e.flow(),
                e.state(),
                changes(before, e)));
        before = e.facts();
      }
    }
    for (OperationsLog.Entry o : operations) {
      rows.add(
          row(
              "operation",
              "",
              Long.toString(o.sequence()),
              iso(o.at()),
              o.kind().name(),
              o.subject(),
              o.text()));
    }
    return rows;
  }

  private String iso(Instant at) {
    return at.atZone(zone).toOffsetDateTime().toString();
  }

  /** The facts of {@code e} that are new or changed since {@code before}, as {@code k=v}. */
  static String changes(Map<String, String> before, JournalEntry e) {
    StringJoiner j = new StringJoiner(" ");
    e.facts().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .filter(f -> !Objects.equals(before.get(f.getKey()), f.getValue()))
        .forEach(f -> j.add(f.getKey() + "=" + f.getValue()));
    before.keySet().stream()
        .filter(k -> !e.facts().containsKey(k))
        .sorted()
        .forEach(k -> j.add(k + "=(cleared)"));
    return j.toString();
  }

  private static String row(String... cells) {
    StringJoiner j = new StringJoiner(",");
    for (String c : cells) {
      String v = Masking.text(c);
      j.add(
          v.contains(",") || v.contains("\"") || v.contains("\n")
              ? "\"" + v.replace("\"", "\"\"") + "\""
              : v);
    }
    return j.toString();
  }
}
