package com.kippu.simulator.ops;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.journal.SqliteJournal;
import com.kippu.atm.ops.JournalPrinter;
import com.kippu.atm.ops.JournalView;
import com.kippu.atm.ops.OperationsLog;
import com.kippu.atm.ops.SessionSummary;
import com.kippu.atm.ops.StaffCase;
import com.kippu.atm.ops.StaffQueue;
import com.kippu.center.settlement.SettlementCsv;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The operator's scriptable commands over a branch directory: {@code journal}, {@code staff} and
 * {@code reconcile}. They read the branch's files (the journal read-only), so they also run while
 * the branch serves customers.
 */
public final class OpsCommands {
  private OpsCommands() {}

  /** The options every command shares. */
  abstract static class BranchOptions {
    @Option(names = "--dir", description = "Branch state directory (default: ${DEFAULT-VALUE}).")
    Path dir = Path.of("run", "branch");

    @Option(names = "--terminal", description = "Terminal id (default: ${DEFAULT-VALUE}).")
    String terminal = "ATM00001";

    @Option(names = "--zone", description = "The terminal's time zone (default: ${DEFAULT-VALUE}).")
    ZoneId zone = ZoneId.of("Asia/Tokyo");

    @Option(names = "--day", description = "The day, yyyy-MM-dd (default: today in the zone).")
    LocalDate day;

    LocalDate day() {
      return day != null ? day : LocalDate.now(Clock.system(zone));
    }

    Path operationsFile() {
      return dir.resolve(BranchOperations.FILE);
    }

    List<OperationsLog.Entry> operationsOn(LocalDate d) {
      if (!Files.exists(operationsFile())) {
        return List.of();
      }
      try (OperationsLog log = OperationsLog.open(operationsFile(), Clock.system(zone))) {
        return log.between(
            d.atStartOfDay(zone).toInstant(), d.plusDays(1).atStartOfDay(zone).toInstant());
      }
    }
  }

  /** {@code journal}: the electronic journal of a day or of one session, printed or as CSV. */
  @Command(
      name = "journal",
      description =
          "Prints the electronic journal of a day (every session, payment, reversal, device fault"
              + " and operator action) or of one session; --csv exports it.")
  public static final class JournalCommand extends BranchOptions implements Callable<Integer> {
    @Option(names = "--session", description = "One session's id instead of a whole day.")
    String session;

    @Option(names = "--csv", description = "CSV instead of the printable form.")
    boolean csv;

    @Option(names = "--out", description = "Writes to this file instead of the console.")
    Path outFile;

    @Override
    public Integer call() throws IOException {
      JournalPrinter printer = new JournalPrinter(zone);
      List<String> lines;
      try (JournalView view = JournalView.open(dir.resolve("journal.db"), zone)) {
        if (session != null) {
          List<JournalEntry> entries = view.entries(new SessionId(session));
          if (entries.isEmpty()) {
            throw new IllegalArgumentException("no session " + session + " in the journal");
          }
          lines = csv ? printer.csv(List.of(entries), List.of()) : printer.session(entries);
        } else {
          List<List<JournalEntry>> sessions =
              view.sessionsOn(day()).stream().map(SessionSummary::id).map(view::entries).toList();
          List<OperationsLog.Entry> ops = operationsOn(day());
          lines = csv ? printer.csv(sessions, ops) : printer.day(terminal, day(), sessions, ops);
        }
      }
      write(lines, outFile);
      return 0;
    }
  }

  /** {@code staff}: the staff queue, and settling one case. */
  @Command(
      name = "staff",
      description =
          "Lists the sessions that ended needing staff or failed, with the money state and the one"
              + " action that settles each; --settle carries the action out once, journaled (a"
              + " ticket to void is voided at the center: the running branch's, or the stopped"
              + " branch's started for the while).")
  public static final class StaffCommand extends BranchOptions implements Callable<Integer> {
    @Option(names = "--settle", paramLabel = "SESSION", description = "The case to settle.")
    String settle;

    @Option(names = "--operator", description = "Who settles it (required with --settle).")
    String operator;

    @Option(names = "--note", description = "What was done, in the operator's words.")
    String note = "";

    @Override
    public Integer call() throws IOException {
      Path journalFile = dir.resolve("journal.db");
      try (JournalView view = JournalView.open(journalFile, zone);
          SqliteJournal journal =
              SqliteJournal.open(journalFile, Clock.systemUTC(), TicketingPlugin.FINAL_STATES);
          OperationsLog log = OperationsLog.open(operationsFile(), Clock.systemUTC())) {
        StaffQueue queue = new StaffQueue(view, journal, log);
        if (settle == null) {
          write(StaffQueue.print(queue.cases()), null);
          return 0;
        }
        boolean atCenter =
            queue.cases().stream()
                .anyMatch(
                    c ->
                        c.session().value().equals(settle)
                            && c.action() == StaffCase.Action.VOID_TICKET);
        String done;
        if (atCenter) {
          // The void is done at the center: reached before anything is journaled as started.
          try (CenterLine center = CenterLine.open(dir)) {
            done = queue.settle(new SessionId(settle), operator, note, center.desk());
          }
        } else {
          done = queue.settle(new SessionId(settle), operator, note, BranchOperations.DESK);
        }
        System.out.println("settled " + settle + ": " + done);
        return 0;
      }
    }
  }

  /** {@code reconcile}: journal, host logs and center sales for a day; non-zero on a mystery. */
  @Command(
      name = "reconcile",
      description =
          "Reconciles a day: terminal journal, bank and card-network transaction logs and center"
              + " sales per payment reference; exits 3 when a difference is unexplained.")
  public static final class ReconcileCommand extends BranchOptions implements Callable<Integer> {
    @Option(names = "--all", description = "Also lists the payments that match.")
    boolean all;

    @Override
    public Integer call() throws IOException {
      List<Reconciliation.Line> lines = new Reconciliation(dir, terminal, zone).run(day());
      write(ReconciliationReport.print(terminal, day(), lines, all), null);
      return Reconciliation.anyUnexplained(lines) ? 3 : 0;
    }
  }

  /** {@code settle}: the month's settlement per issuer, printed and as CSV. */
  @Command(
      name = "settle",
      description =
          "Settles a month per issuer by who received the money: payable to the issuer"
              + " (operator-collected, less the fee on it), fee receivable (the fee on what the"
              + " issuer collected) and their net; checks the total against the reconciled sales;"
              + " --csv writes the statement and its payments.")
  public static final class SettleCommand extends BranchOptions implements Callable<Integer> {
    @Option(names = "--period", description = "The month, yyyy-MM (default: the day's month).")
    YearMonth period;

    @Option(
        names = "--csv",
        paramLabel = "PREFIX",
        description = "Writes PREFIX-summary.csv and PREFIX-payments.csv.")
    Path csvPrefix;

    @Override
    public Integer call() throws IOException {
      YearMonth month = period != null ? period : YearMonth.from(day());
      SettlementReport.Statement s = SettlementReport.settle(dir, terminal, zone, month);
      write(SettlementReport.print(s), null);
      if (csvPrefix != null) {
        Path summary = Path.of(csvPrefix + "-summary.csv");
        Path payments = Path.of(csvPrefix + "-payments.csv");
        Files.write(summary, SettlementCsv.summary(s.lines()));
        Files.write(payments, SettlementCsv.payments(s.payments()));
        System.out.println("written " + summary + " and " + payments);
      }
      return s.agrees() ? 0 : 3;
    }
  }

  /** {@code cash-closing}: the day's cash, and replenishment, collection and counts. */
  @Command(
      name = "cash-closing",
      description =
          "The day's cash closing: counts per denomination, deposits, change, repays and amounts"
              + " left to staff, replenishment and collection, balanced against the unit; exits 3"
              + " when it does not balance. --replenish, --collect and --count record a movement"
              + " (the branch must not be running).")
  public static final class CashClosingCommand extends BranchOptions implements Callable<Integer> {
    @Option(names = "--replenish", paramLabel = "COUNTS", description = "e.g. 1000:20,5000:5")
    String replenish;

    @Option(names = "--collect", paramLabel = "COUNTS", description = "e.g. 10000:2")
    String collect;

    @Option(names = "--count", description = "Records the unit's stock as counted now.")
    boolean count;

    @Option(names = "--operator", description = "Who moves or counts the cash.")
    String operator;

    @Override
    public Integer call() {
      CashClosing closing = new CashClosing(dir, zone, Clock.systemUTC());
      if (replenish != null) {
        System.out.println(closing.replenish(replenish, operator));
      }
      if (collect != null) {
        System.out.println(closing.collect(collect, operator));
      }
      if (count) {
        System.out.println(closing.count(operator));
      }
      if (replenish != null || collect != null || count) {
        return 0;
      }
      List<String> report = closing.report(day());
      report.forEach(System.out::println);
      return CashClosing.balanced(report) ? 0 : 3;
    }
  }

  /** {@code metrics}: the running branch's center metrics, fetched with the operator's token. */
  @Command(
      name = "metrics",
      description =
          "Prints the running branch's center metrics (Prometheus text: HTTP, pool, hold batches,"
              + " outbox backlog), fetched with the branch's operator token, which is never"
              + " printed; --grep keeps the lines holding a word.")
  public static final class MetricsCommand extends BranchOptions implements Callable<Integer> {
    @Option(names = "--grep", description = "Only the lines that contain this text.")
    String grep;

    @Override
    public Integer call() throws IOException {
      java.util.Optional<CenterLine> running = CenterLine.running(dir);
      if (running.isEmpty()) {
        System.err.println(
            "the branch in " + dir + " is not running (its metrics live with its center)");
        return 2;
      }
      try (CenterLine center = running.get()) {
        var answer = center.get("/metrics");
        if (answer.statusCode() != 200) {
          System.err.println("the center answered " + answer.statusCode());
          return 2;
        }
        answer
            .body()
            .lines()
            .filter(l -> grep == null || l.contains(grep))
            .forEach(System.out::println);
        return 0;
      }
    }
  }

  static void write(List<String> lines, Path file) throws IOException {
    if (file != null) {
      Files.write(file, lines, StandardCharsets.UTF_8);
      System.out.println("written " + lines.size() + " lines to " + file);
      return;
    }
    PrintStream out = System.out;
    lines.forEach(out::println);
  }
}
