package com.kippu.atm.flow;

import com.kippu.atm.journal.Journal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a flow's steps in the one order the flow declares, journaling every transition before the
 * side effect it guards ({@code <Step>.begin}) and after it ({@code <Step>.done}). On cancel or
 * failure the completed steps are compensated newest first, each compensation journaled too.
 */
public final class FlowRunner<S extends FlowSession> {
  public static final String COMPLETED = "COMPLETED";
  public static final String CANCELLED = "CANCELLED";
  public static final String FAILED = "FAILED";
  private static final Logger LOG = Logger.getLogger(FlowRunner.class.getName());
  private static final int MAX_TRANSITIONS = 200;

  private final String flow;
  private final List<Step<S>> steps;
  private final Journal journal;

  public FlowRunner(String flow, List<Step<S>> steps, Journal journal) {
    this.flow = flow;
    this.steps = List.copyOf(steps);
    this.journal = journal;
  }

  /** The result of one run: the final state and, for cancel and failure, the reason. */
  public record Result(String state, String reason) {
    public boolean completed() {
      return COMPLETED.equals(state);
    }
  }

  public Result run(S session) {
    Deque<Step<S>> done = new ArrayDeque<>();
    int index = 0;
    for (int transitions = 0; index < steps.size(); transitions++) {
      if (transitions == MAX_TRANSITIONS) {
        return end(session, done, FAILED, "too many transitions; the customer is looping");
      }
      Step<S> step = steps.get(index);
      step.prepare(session);
      journal.record(session.id(), flow, step.name() + ".begin", session.facts());
      Outcome outcome;
      try {
        outcome = step.run(session);
      } catch (Exception e) {
        LOG.warning("step " + step.name() + " of session " + session.id() + " failed: " + e);
        LOG.log(Level.FINE, "step failure detail", e);
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        outcome = Outcome.fail(step.name() + ": " + e.getMessage());
      }
      journal.record(
          session.id(), flow, step.name() + "." + outcomeState(outcome), with(session, outcome));
      switch (outcome.kind()) {
        case NEXT -> {
          done.push(step);
          index++;
        }
        case BACK_TO -> {
          int target = indexOf(outcome.target());
          while (!done.isEmpty() && indexOf(done.peek().name()) >= target) {
            done.pop();
          }
          index = target;
        }
        case CANCEL -> {
          return end(session, done, CANCELLED, outcome.reason());
        }
        case FAIL -> {
          return end(session, done, FAILED, outcome.reason());
        }
      }
    }
    journal.record(session.id(), flow, COMPLETED, session.facts());
    return new Result(COMPLETED, "");
  }

  private Result end(S session, Deque<Step<S>> done, String state, String reason) {
    for (Step<S> step : done) {
      journal.record(session.id(), flow, step.name() + ".compensate", session.facts());
      try {
        step.compensate(session);
        journal.record(session.id(), flow, step.name() + ".compensated", session.facts());
      } catch (Exception e) {
        // Left for start-up recovery, which finds the session open in the journal.
        LOG.log(
            Level.SEVERE,
            "compensation " + step.name() + " of session " + session.id() + " failed",
            e);
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        journal.record(session.id(), flow, step.name() + ".compensation-failed", session.facts());
        return new Result(step.name() + ".compensation-failed", reason);
      }
    }
    Map<String, String> facts = new TreeMap<>(session.facts());
    facts.put("reason", reason);
    journal.record(session.id(), flow, state, facts);
    return new Result(state, reason);
  }

  private static String outcomeState(Outcome outcome) {
    return switch (outcome.kind()) {
      case NEXT -> "done";
      case BACK_TO -> "back";
      case CANCEL -> "cancel";
      case FAIL -> "fail";
    };
  }

  private Map<String, String> with(S session, Outcome outcome) {
    Map<String, String> facts = new TreeMap<>(session.facts());
    if (!outcome.reason().isEmpty()) {
      facts.put("reason", outcome.reason());
    }
    if (!outcome.target().isEmpty()) {
      facts.put("backTo", outcome.target());
    }
    return facts;
  }

  private int indexOf(String name) {
    for (int i = 0; i < steps.size(); i++) {
      if (steps.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalStateException("flow " + flow + " has no step " + name);
  }
}
