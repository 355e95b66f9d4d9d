package com.kippu.atm.ops;

import com.kippu.atm.journal.Journal;
import com.kippu.atm.journal.SessionId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The staff queue: every session that ended {@code NEEDS_STAFF} (closed by recovery) or {@code
 * FAILED}, with what happened, the money state and the one action that settles it. Settling is
 * journaled on the session itself before and after the action ({@link #STARTED}, then {@link
 * #SETTLED}, a final state) under the flow {@link #FLOW}, which no recovery runs, so an action is
 * done once: a case already settled, or whose action was started and not confirmed, is refused; the
 * latter is taken again only by a desk whose action answers a repeat with the first result.
 */
public final class StaffQueue {
  /** The journal flow of staff entries; recovery leaves it alone. */
  public static final String FLOW = "staff";

  /** Journaled before the action is carried out. */
  public static final String STARTED = "STAFF.begin";

  /** Journaled once the action is done; a final state. */
  public static final String SETTLED = "STAFF_SETTLED";

  /** Carries out a case's action (at the issuer, the cash unit, the printer, the card writer). */
  @FunctionalInterface
  public interface Desk {
    /**
     * Does {@code c}'s action and returns what was done, for the journal.
     *
     * @throws IllegalStateException when it could not be done (nothing is journaled as done)
     */
    String perform(StaffCase c);

    /**
     * Whether {@code c}'s action may be carried out again when it was started and not confirmed:
     * only where the party that does it answers a repeat with the first result (the center's void),
     * so doing it again can never do it twice.
     */
    default boolean repeatable(StaffCase c) {
      return false;
    }
  }

  private final JournalView view;
  private final Journal journal;
  private final OperationsLog operations;

  public StaffQueue(JournalView view, Journal journal, OperationsLog operations) {
    this.view = view;
    this.journal = journal;
    this.operations = operations;
  }

  /** The open cases, oldest first. */
  public List<StaffCase> cases() {
    List<StaffCase> result = new ArrayList<>();
    for (SessionSummary s : view.allSessions()) {
      caseOf(s).ifPresent(result::add);
    }
    return result;
  }

  /**
   * Settles the open case of {@code session}: journals the start, lets {@code desk} do the action,
   * journals it done and records it in the operations log.
   *
   * @throws IllegalArgumentException when the session is unknown or has no open case
   * @throws IllegalStateException when the case is settled or its action under way already (unless
   *     the desk may repeat it, see {@link Desk#repeatable}), or the desk could not do it (the case
   *     then stays started, for staff to check by hand or, where repeatable, to settle again)
   */
  public String settle(SessionId session, String operator, String note, Desk desk) {
    if (operator == null || operator.isBlank()) {
      throw new IllegalArgumentException("name the operator who settles the case");
    }
    SessionSummary s =
        view.session(session)
            .orElseThrow(() -> new IllegalArgumentException("no session " + session));
    if (SETTLED.equals(s.lastState())) {
      throw new IllegalStateException(
          "case " + session + " was settled already by " + s.facts().get("staffBy"));
    }
    boolean started = STARTED.equals(s.lastState());
    String startedBy = s.facts().get("staffBy");
    if (started) {
      // The case as it was before its action began.
      s =
          SessionSummary.of(
              view.entries(session).stream().filter(e -> !FLOW.equals(e.flow())).toList());
    }
    StaffCase c =
        caseOf(s)
            .orElseThrow(
                () -> new IllegalArgumentException("session " + session + " needs no staff"));
    if (started && !desk.repeatable(c)) {
      throw new IllegalStateException(
          "the action of case "
              + session
              + " was started by "
              + startedBy
              + " and not confirmed: check by hand before anything else is done");
    }
    Map<String, String> facts = new TreeMap<>(s.facts());
    facts.put("staffAction", c.action().name());
    facts.put("staffBy", operator);
    if (note != null && !note.isBlank()) {
      facts.put("staffNote", note);
    }
    journal.record(session, FLOW, STARTED, facts);
    String done = desk.perform(c);
    facts.put("staffDone", done);
    facts.put("staffSettled", "true");
    journal.record(session, FLOW, SETTLED, facts);
    operations.record(
        OperationsLog.Kind.STAFF,
        session.value(),
        c.action() + " " + c.subject() + " by " + operator + ": " + done);
    return done;
  }

  /** The case of a session, if it is one and still open. */
  static Optional<StaffCase> caseOf(SessionSummary s) {
    boolean needsStaff = s.recoveryAction().filter("NEEDS_STAFF"::equals).isPresent();
    boolean failed = "FAILED".equals(s.lastState());
    boolean cashNote = s.fact("cash.staff").isPresent();
    if (!(needsStaff || failed || cashNote)
        || SETTLED.equals(s.lastState())
        || STARTED.equals(s.lastState())) {
      return Optional.empty();
    }
    StaffCase.Action action;
    String subject;
    long amount = s.amountYen();
    Optional<String> toVoid = s.fact("voidTicket").or(() -> s.fact("refusedTicket"));
    Optional<String> ticket = s.fact("ticket");
    if (toVoid.isPresent()) {
      action = StaffCase.Action.VOID_TICKET;
      subject = toVoid.get();
    } else if (cashNote) {
      action = StaffCase.Action.REFUND;
      subject = "cash";
      amount =
          s.fact("cash.retainedYen")
              .or(() -> s.fact("cash.changeOwedYen"))
              .map(Long::parseLong)
              .orElse(amount);
    } else if (ticket.isPresent() && !Boolean.parseBoolean(s.facts().get("ticketOnCard"))) {
      action = StaffCase.Action.WRITE_TO_CARD;
      subject = ticket.get();
    } else if (ticket.isPresent()) {
      action = StaffCase.Action.REPRINT;
      subject = ticket.get();
    } else if (s.moneyMayHaveMoved() && s.reference().isPresent() && !s.takenBack()) {
      action = StaffCase.Action.REFUND;
      subject = s.reference().get();
    } else {
      action = StaffCase.Action.ACKNOWLEDGE;
      subject = "-";
      amount = 0;
    }
    return Optional.of(
        new StaffCase(
            s.id(), s.ended(), s.flow(), happened(s), s.moneyState(), amount, action, subject));
  }

  private static String happened(SessionSummary s) {
    StringBuilder b = new StringBuilder(s.lastState());
    s.recoveryAction().ifPresent(a -> b.append(" (recovery ").append(a).append(')'));
    s.staffNote().ifPresent(n -> b.append(": ").append(n));
    s.fact("refusal").ifPresent(r -> b.append("; issuer refused ").append(r));
    s.fact("declineCode").ifPresent(d -> b.append("; declined ").append(d));
    return Masking.text(b.toString());
  }

  /** Lines for the queue, each case with its action. */
  public static List<String> print(List<StaffCase> cases) {
    List<String> lines = new ArrayList<>();
    lines.add("STAFF QUEUE  " + cases.size() + " open case" + (cases.size() == 1 ? "" : "s"));
    for (int i = 0; i < cases.size(); i++) {
      StaffCase c = cases.get(i);
      lines.add("[" + (i + 1) + "] " + c.session() + "  " + c.flow() + "  ended " + c.ended());
      lines.add("    happened: " + c.happened());
      lines.add("    money:    " + Masking.text(c.money()));
      lines.add(
          "    action:   "
              + c.action()
              + " "
              + c.subject()
              + (c.amountYen() > 0 ? "  JPY " + c.amountYen() : ""));
    }
    return lines;
  }
}
