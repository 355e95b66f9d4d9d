package com.kippu.simulator.ops;

import com.kippu.atm.ops.JournalView;
import com.kippu.atm.ops.OperationsLog;
import com.kippu.atm.ops.SessionSummary;
import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.Denomination;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The day's cash closing of a terminal with a cash unit: the unit's counts per denomination, the
 * day's cash payments from the journal (deposits kept, change actually paid out, cash repaid,
 * amounts left to staff, the unit's jams and retracts), replenishments, collections and counts from
 * the operations log, and the closing balance: the cash of the last count, plus the cash kept
 * since, plus replenished, less collected, against all the cash the unit reports (stock, escrows,
 * retracted bin).
 */
public final class CashClosing {
  private static final Pattern STOCK_AFTER = Pattern.compile("in the unit after JPY (\\d+)");

  private final Path branchDir;
  private final ZoneId zone;
  private final Clock clock;

  public CashClosing(Path branchDir, ZoneId zone, Clock clock) {
    this.branchDir = branchDir;
    this.zone = zone;
    this.clock = clock;
  }

  /** Adds {@code added} to the unit's stock and records it; the unit must not be in use. */
  public String replenish(String counts, String operator) {
    return move("replenish", counts, operator, true);
  }

  /** Takes {@code taken} out of the unit's stock and records it; refused beyond the stock. */
  public String collect(String counts, String operator) {
    return move("collect", counts, operator, false);
  }

  /** Records the unit's cash as counted now (the day's opening, or a count at any time). */
  public String count(String operator) {
    CashLedger.Snapshot now = snapshot();
    return record("count", now.stock(), held(now), operator);
  }

  /** All the cash inside the unit: stock, escrows, retracted bin, a repay under way. */
  static long held(CashLedger.Snapshot s) {
    return s.stock().total()
        + s.depositEscrow().total()
        + s.dispenseEscrow().total()
        + s.retracted().total()
        + s.repaying().total();
  }

  private String move(String what, String counts, String operator, boolean in) {
    requireOperator(operator);
    CashCounts moved = CashCounts.parse(counts, Denomination.YEN);
    if (moved.isEmpty()) {
      throw new IllegalArgumentException(what + ": no cash named in '" + counts + "'");
    }
    try {
      CashLedger ledger = CashLedger.open(countsFile(), CashCounts.empty());
      CashCounts stock = ledger.stock();
      if (!in && !moved.fitsIn(stock)) {
        throw new IllegalArgumentException(
            "collect: the unit holds only " + stock.format(Denomination.YEN) + "; nothing taken");
      }
      long heldBefore = held(ledger.snapshot());
      ledger.adjustStock(in ? stock.plus(moved) : stock.minus(moved), Denomination.YEN);
      return record(
          what, moved, in ? heldBefore + moved.total() : heldBefore - moved.total(), operator);
    } catch (IOException e) {
      throw new UncheckedIOException("cash counts " + countsFile() + " not readable", e);
    }
  }

  private String record(String what, CashCounts moved, long heldAfter, String operator) {
    requireOperator(operator);
    String text =
        String.format(
            "%s JPY %d (%s) by %s; in the unit after JPY %d",
            what, moved.total(), moved.format(Denomination.YEN), operator, heldAfter);
    try (OperationsLog log = OperationsLog.open(branchDir.resolve(BranchOperations.FILE), clock)) {
      log.record(OperationsLog.Kind.CASH, what, text);
    }
    return text;
  }

  /** The closing report of {@code day}; its last line says whether the cash balances. */
  public List<String> report(LocalDate day) {
    Instant from = day.atStartOfDay(zone).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
    CashLedger.Snapshot unit = snapshot();
    List<OperationsLog.Entry> records = cashRecords(Instant.EPOCH, to);
    Optional<OperationsLog.Entry> base =
        records.stream()
            .filter(r -> "count".equals(r.subject()) && STOCK_AFTER.matcher(r.text()).find())
            .reduce((a, b) -> b);
    List<String> out = new ArrayList<>();
    out.add("CASH CLOSING  " + day + " (" + zone + ")");
    out.add("=".repeat(78));
    out.add("unit reports, per denomination:");
    for (Denomination d : Denomination.YEN) {
      int n = unit.stock().count(d);
      if (n > 0) {
        out.add(String.format("  %,6d yen x %4d = JPY %,10d", d.yen(), n, (long) n * d.yen()));
      }
    }
    out.add(String.format("  stock total             JPY %,10d", unit.stock().total()));
    out.add(String.format("  retracted bin           JPY %,10d", unit.retracted().total()));
    out.add(
        String.format(
            "  escrow and repay        JPY %,10d",
            unit.depositEscrow().total()
                + unit.dispenseEscrow().total()
                + unit.repaying().total()));
    if (unit.discrepancy()) {
      out.add("  the unit flags a DISCREPANCY: count the cash before closing");
    }
    long keptSinceBase = 0;
    long deposits = 0;
    long changePaid = 0;
    long repaid = 0;
    long toStaff = 0;
    long jams = 0;
    long retracts = 0;
    int payments = 0;
    out.add("cash sessions:");
    try (JournalView view = JournalView.open(branchDir.resolve("journal.db"), zone)) {
      for (SessionSummary s : view.sessionsOn(day)) {
        // Counted whatever the session paid with in the end: a jam may have sent it elsewhere.
        long sessionJams = number(s, "cash.jams");
        long sessionRetracts = number(s, "cash.retracts");
        jams += sessionJams;
        retracts += sessionRetracts;
        if (!"cash".equals(s.method().orElse("")) || s.fact("cash.insertedYen").isEmpty()) {
          if (sessionJams + sessionRetracts > 0) {
            out.add("  " + s.id() + "  (no deposit fixed)" + mishaps(sessionJams, sessionRetracts));
          }
          continue;
        }
        long inserted = number(s, "cash.insertedYen");
        long changeDue = number(s, "cash.changeYen");
        // Change the unit could not pay out (jammed, not taken) is owed by staff, not paid.
        long changeOut = Math.max(changeDue - number(s, "cash.changeOwedYen"), 0);
        boolean kept = s.reference().isPresent() && !s.takenBack();
        long staff =
            s.fact("cash.retainedYen")
                .or(() -> s.fact("cash.changeOwedYen"))
                .map(Long::parseLong)
                .orElse(0L);
        String what;
        if (kept) {
          payments++;
          deposits += inserted;
          changePaid += changeOut;
          what = String.format("kept JPY %,d, change JPY %,d", inserted - changeDue, changeDue);
          if (changeOut != changeDue) {
            what += String.format(" (paid out JPY %,d)", changeOut);
          }
        } else {
          repaid += inserted - staff;
          what = String.format("repaid JPY %,d", inserted - staff);
        }
        if (staff > 0) {
          toStaff += staff;
          what += String.format(", JPY %,d left to staff", staff);
        }
        out.add(
            "  "
                + s.id()
                + "  inserted JPY "
                + inserted
                + ": "
                + what
                + mishaps(sessionJams, sessionRetracts));
        if (base.isEmpty() || s.ended().isAfter(base.get().at())) {
          keptSinceBase += (kept ? inserted - changeDue : 0) + staff;
        }
      }
    }
    out.add(
        String.format(
            "  deposits %d: inserted JPY %,d, change paid JPY %,d; repaid JPY %,d; left to staff"
                + " JPY %,d",
            payments, deposits, changePaid, repaid, toStaff));
    out.add(
        String.format(
            "  jams %d, retracts %d (of the unit, in customer sessions)", jams, retracts));
    out.add("replenishment, collection and counts:");
    long replenished = 0;
    long collected = 0;
    for (OperationsLog.Entry r : records) {
      if (r.at().isBefore(from)) {
        continue;
      }
      out.add("  " + r.at().atZone(zone).toLocalTime().withNano(0) + "  " + r.text());
      if (base.isPresent() && r.at().isAfter(base.get().at())) {
        long amount = amount(r.text());
        replenished += "replenish".equals(r.subject()) ? amount : 0;
        collected += "collect".equals(r.subject()) ? amount : 0;
      }
    }
    out.add("=".repeat(78));
    if (base.isEmpty()) {
      out.add("NO COUNT RECORDED: count the unit (cash-closing --count) to open a balance");
      return out;
    }
    Matcher m = STOCK_AFTER.matcher(base.get().text());
    m.find();
    long expected = Long.parseLong(m.group(1)) + keptSinceBase + replenished - collected;
    long held = held(unit);
    long difference = held - expected;
    out.add(
        String.format(
            "expected in the unit JPY %,d (last count JPY %,d + kept JPY %,d + replenished JPY"
                + " %,d - collected JPY %,d)",
            expected, Long.parseLong(m.group(1)), keptSinceBase, replenished, collected));
    out.add(
        difference == 0
            ? String.format("the unit holds JPY %,d: BALANCED", held)
            : String.format("the unit holds JPY %,d: DIFFERENCE JPY %,d", held, difference));
    return out;
  }

  /** Whether the report's last line says the cash balances. */
  public static boolean balanced(List<String> report) {
    return report.get(report.size() - 1).endsWith("BALANCED");
  }

  /** A number the session journaled, 0 when it has none. */
  private static long number(SessionSummary s, String fact) {
    return s.fact(fact).map(Long::parseLong).orElse(0L);
  }

  private static String mishaps(long jams, long retracts) {
    return (jams > 0 ? "; jammed " + jams + "x" : "")
        + (retracts > 0 ? "; retracted " + retracts + "x" : "");
  }

  private static long amount(String text) {
    Matcher m = Pattern.compile("JPY (\\d+)").matcher(text);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }

  private List<OperationsLog.Entry> cashRecords(Instant from, Instant to) {
    Path file = branchDir.resolve(BranchOperations.FILE);
    if (!Files.exists(file)) {
      return List.of();
    }
    try (OperationsLog log = OperationsLog.open(file, clock)) {
      return log.between(from, to).stream()
          .filter(e -> e.kind() == OperationsLog.Kind.CASH)
          .toList();
    }
  }

  private CashLedger.Snapshot snapshot() {
    if (!Files.exists(countsFile())) {
      throw new IllegalArgumentException(
          "this terminal has no cash unit (no " + countsFile() + ")");
    }
    try {
      return CashLedger.read(countsFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cash counts " + countsFile() + " not readable", e);
    }
  }

  private Path countsFile() {
    return branchDir.toAbsolutePath().resolve("cash").resolve("counts.txt");
  }

  private static void requireOperator(String operator) {
    if (operator == null || operator.isBlank()) {
      throw new IllegalArgumentException("name the operator (--operator)");
    }
  }
}
