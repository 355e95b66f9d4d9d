package com.kippu.simulator.ops;

import com.kippu.atm.ops.JournalView;
import com.kippu.atm.ops.SessionSummary;
import com.kippu.atm.ops.StaffQueue;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Three-way reconciliation of one terminal's day: its journal, the hosts' transaction logs and the
 * center's sales, per payment reference. A payment on which all three agree is matched; any other
 * is a difference, explained when the journal or the link state accounts for it (reversed, reversal
 * pending, session pending recovery, staff case) and unexplained otherwise.
 */
public final class Reconciliation {
  /** How a difference stands. */
  public enum Verdict {
    MATCHED,
    EXPLAINED,
    UNEXPLAINED
  }

  /** One payment reference across the three records. */
  public record Line(
      String reference,
      String session,
      String terminal,
      String rail,
      String center,
      long amountYen,
      boolean sold,
      Verdict verdict,
      String explanation) {}

  private final Path branchDir;
  private final String terminalId;
  private final ZoneId zone;

  public Reconciliation(Path branchDir, String terminalId, ZoneId zone) {
    this.branchDir = branchDir;
    this.terminalId = terminalId;
    this.zone = zone;
  }

  /** Reconciles {@code day}: one line per payment reference seen by any of the three. */
  public List<Line> run(LocalDate day) {
    Instant from = day.atStartOfDay(zone).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
    List<SessionSummary> sessions;
    try (JournalView view = JournalView.open(branchDir.resolve("journal.db"), zone)) {
      sessions = view.sessionsOn(day);
    }
    Map<String, RailLog.Row> rail = new HashMap<>();
    for (RailLog.Row r : RailLog.read(branchDir, terminalId)) {
      rail.put(r.key(), r);
    }
    LinkState link = LinkState.read(branchDir);
    Map<String, CenterSales.Payment> center = new HashMap<>();
    for (CenterSales.Payment p : CenterSales.read(branchDir, terminalId)) {
      center.put(p.method() + ":" + p.reference(), p);
    }
    Set<String> railSeen = new HashSet<>();
    Set<String> centerSeen = new HashSet<>();
    List<Line> lines = new ArrayList<>();
    for (SessionSummary s : sessions) {
      if (s.fact("payment").isEmpty() || !s.moneyMayHaveMoved()) {
        continue;
      }
      Optional<LinkState.Reversal> reversal = link.forPayment(s.facts().get("payment"));
      Optional<String> key = railKey(s, reversal);
      RailLog.Row row = key.map(rail::get).orElse(null);
      key.ifPresent(railSeen::add);
      Optional<String> centerKey = s.reference().map(r -> centerMethod(s) + ":" + r);
      CenterSales.Payment sale = centerKey.map(center::get).orElse(null);
      centerKey.ifPresent(centerSeen::add);
      lines.add(judge(s, row, reversal, sale));
    }
    for (RailLog.Row r : rail.values()) {
      if (railSeen.contains(r.key()) || !onDay(r.at(day), from, to) || noMoney(r)) {
        continue;
      }
      if (r.standing() && link.forKey(r.key()).filter(LinkState.Reversal::pending).isPresent()) {
        lines.add(
            new Line(
                r.key(),
                link.forKey(r.key()).get().paymentId(),
                "earlier attempt",
                describe(r),
                "-",
                r.amountYen(),
                false,
                Verdict.EXPLAINED,
                "reversal pending at the bank link"));
        continue;
      }
      lines.add(
          new Line(
              r.key(),
              "-",
              link.forKey(r.key())
                  .map(x -> "earlier attempt " + x.paymentId())
                  .orElse("no journal record"),
              describe(r),
              "-",
              r.amountYen(),
              false,
              r.reversed() ? Verdict.EXPLAINED : Verdict.UNEXPLAINED,
              r.reversed()
                  ? "reversed at the " + r.host() + " host"
                  : "the " + r.host() + " host holds money no session of this terminal took"));
    }
    for (CenterSales.Payment p : center.values()) {
      if (centerSeen.contains(p.method() + ":" + p.reference())
          || p.paidAt() == null
          || !onDay(Instant.parse(p.paidAt()), from, to)) {
        continue;
      }
      lines.add(
          new Line(
              p.reference(),
              "-",
              "no journal record",
              "-",
              describe(p),
              p.amountYen(),
              p.sold(),
              p.sold() ? Verdict.UNEXPLAINED : Verdict.EXPLAINED,
              p.sold()
                  ? "the center sold on a payment the terminal never journaled"
                  : "a proof the center refused"));
    }
    return lines;
  }

  /** Whether any line is unexplained. */
  public static boolean anyUnexplained(List<Line> lines) {
    return lines.stream().anyMatch(l -> l.verdict() == Verdict.UNEXPLAINED);
  }

  private static Optional<String> railKey(SessionSummary s, Optional<LinkState.Reversal> reversal) {
    if (reversal.isPresent()) {
      return Optional.of(reversal.get().originalKey());
    }
    Optional<String> stan = s.fact("stan");
    Optional<String> paidAt = s.fact("paidAt");
    if (stan.isPresent() && paidAt.isPresent()) {
      String host = RailLog.hostOf(s.method().orElse(""));
      return Optional.of(RailLog.key(host, stan.get(), Instant.parse(paidAt.get())));
    }
    return Optional.empty();
  }

  private Line judge(
      SessionSummary s,
      RailLog.Row row,
      Optional<LinkState.Reversal> reversal,
      CenterSales.Payment sale) {
    String reference = s.reference().orElse(s.facts().get("payment"));
    String terminal = Terminal.state(s);
    String railText = row == null ? "-" : describe(row);
    String centerText = sale == null ? "-" : describe(sale);
    boolean emoney = "emoney".equals(s.method().orElse(""));
    boolean railStanding = row != null && row.standing();
    boolean reversalOwed = reversal.map(LinkState.Reversal::pending).orElse(false);
    String why;
    Verdict verdict;
    if (Terminal.STAFF.equals(terminal)) {
      verdict = Verdict.EXPLAINED;
      why = "staff case" + (StaffQueue.SETTLED.equals(s.lastState()) ? " (settled)" : " (open)");
    } else if (Terminal.PENDING.equals(terminal)) {
      verdict = Verdict.EXPLAINED;
      why = "pending: the session is open for recovery";
    } else if (Terminal.SOLD.equals(terminal)) {
      List<String> wrong = new ArrayList<>();
      if (!emoney && !railStanding) {
        wrong.add(row == null ? "no row in the host's log" : "the host's row is " + row.status());
      }
      if (!emoney && row != null && row.amountYen() != s.amountYen()) {
        wrong.add("the host's amount differs");
      }
      if (sale == null || !sale.sold()) {
        wrong.add(sale == null ? "no sale at the center" : "the center refused the payment");
      } else if (sale.amountYen() != s.amountYen()) {
        wrong.add("the center's amount differs");
      }
      verdict = wrong.isEmpty() ? Verdict.MATCHED : Verdict.UNEXPLAINED;
      why = wrong.isEmpty() ? "sold" : String.join("; ", wrong);
    } else if (railStanding && reversalOwed) {
      verdict = Verdict.EXPLAINED;
      why = "reversal pending at the bank link";
    } else if (railStanding) {
      verdict = Verdict.UNEXPLAINED;
      why = "the host holds money the terminal " + terminal.toLowerCase() + " and owes no reversal";
    } else if (sale != null && sale.sold()) {
      verdict = Verdict.UNEXPLAINED;
      why = "the center sold on a payment the host does not hold";
    } else {
      verdict = Verdict.EXPLAINED;
      why = row != null && row.reversed() ? "reversed" : "no money stands";
    }
    return new Line(
        reference,
        s.id().value(),
        terminal,
        railText,
        centerText,
        s.amountYen(),
        sale != null && sale.sold(),
        verdict,
        why);
  }

  /** The center's name of the session's payment method. */
  private static String centerMethod(SessionSummary s) {
    return switch (s.method().orElse("")) {
      case "transfer", "transfer-card" -> "ACCOUNT_TRANSFER";
      case "debit" -> "DEBIT_CARD";
      case "credit" -> "CREDIT_CARD";
      case "prepaid" -> "PREPAID_CARD";
      case "cash" -> "CASH";
      case "emoney" -> "EMONEY";
      default -> "?";
    };
  }

  private static boolean noMoney(RailLog.Row r) {
    return !r.standing() && !r.reversed();
  }

  private static boolean onDay(Instant at, Instant from, Instant to) {
    return !at.isBefore(from) && at.isBefore(to);
  }

  private static String describe(RailLog.Row r) {
    return r.host() + " " + r.kind() + " " + r.status() + " JPY " + r.amountYen();
  }

  private static String describe(CenterSales.Payment p) {
    return p.use()
        + (p.voided() ? " VOIDED" : "")
        + " JPY "
        + p.amountYen()
        + " to "
        + p.receivedBy();
  }

  /** The terminal's word for a payment, from its session's journal. */
  static final class Terminal {
    static final String SOLD = "SOLD";
    static final String REVERSED = "REVERSED";
    static final String STAFF = "STAFF";
    static final String PENDING = "PENDING";
    static final String NO_TICKET = "PAID-NO-TICKET";
    static final String UNKNOWN = "UNKNOWN";

    private Terminal() {}

    static String state(SessionSummary s) {
      boolean staff =
          s.recoveryAction().filter("NEEDS_STAFF"::equals).isPresent()
              || s.fact("cash.staff").isPresent()
              || s.lastState().startsWith("STAFF")
              || ("FAILED".equals(s.lastState()) && s.fact("refusedTicket").isPresent());
      if (staff) {
        return STAFF;
      }
      if (!isFinal(s.lastState())) {
        return PENDING;
      }
      if (s.takenBack()) {
        return REVERSED;
      }
      if (s.reference().isPresent() && s.fact("ticket").isPresent()) {
        return SOLD;
      }
      return s.reference().isPresent() ? NO_TICKET : UNKNOWN;
    }

    private static boolean isFinal(String state) {
      return com.kippu.atm.TicketingPlugin.FINAL_STATES.contains(state);
    }
  }
}
