package com.kippu.atm.flow;

import com.kippu.atm.journal.Journal;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs a {@link Flow}, journaling every transition before the side effect it guards ({@code
 * <step>.begin}) and after it ({@code <step>.done}, {@code .signal}, {@code .cancel}, {@code
 * .fail}, {@code .unsettled}); a step its {@link Step#prepare} refused is journaled {@code
 * <step>.refused} only. Whatever is left behind is compensated, newest first, each compensation
 * journaled: on a route back, the steps it rewinds (the target included, since it runs again) and
 * the step that raised the signal; at a cancel or failure, the failing step and every step done. So
 * "undo" lives once, in each step's {@link Step#compensate}, not in whichever step happens to go
 * back. A step whose side effect has an unknown outcome ends the run {@link #UNSETTLED}: nothing is
 * compensated and the session stays open for recovery, which can ask again.
 */
public final class FlowRunner<S extends FlowSession> {
  public static final String COMPLETED = "COMPLETED";
  public static final String CANCELLED = "CANCELLED";
  public static final String FAILED = "FAILED";

  /** A run a step left {@link Outcome.Kind#UNSETTLED}: open in the journal, for recovery. */
  public static final String UNSETTLED = "UNSETTLED";

  private static final Logger LOG = Logger.getLogger(FlowRunner.class.getName());
  private static final int MAX_TRANSITIONS = 200;

  private final Flow<S> flow;
  private final Journal journal;

  public FlowRunner(Flow<S> flow, Journal journal) {
    this.flow = flow;
    this.journal = journal;
  }

  /** The result of one run: the final state and, for cancel and failure, the reason. */
  public record Result(String state, String reason) {
    public boolean completed() {
      return COMPLETED.equals(state);
    }
  }

  public Result run(S session) {
    Deque<Integer> done = new ArrayDeque<>();
    int index = 0;
    for (int transitions = 0; index < flow.size(); transitions++) {
      Step<S> step = flow.step(index);
      if (transitions == MAX_TRANSITIONS) {
        return end(session, done, index, FAILED, "too many transitions; the customer is looping");
      }
      Outcome outcome = prepareStep(step, session);
      if (outcome.kind() == Outcome.Kind.NEXT) {
        record(session, step.id() + ".begin", Map.of());
        session.checkpointWith(point -> record(session, step.id() + "." + point, Map.of()));
        outcome = runStep(step, session);
        record(session, step.id() + "." + journalState(outcome), extras(outcome));
      } else {
        record(session, step.id() + ".refused", extras(outcome));
      }
      switch (outcome.kind()) {
        case NEXT -> {
          done.push(index);
          index++;
        }
        case SIGNAL -> {
          Signal signal = outcome.signal().orElseThrow();
          Optional<Integer> target = flow.route(index, signal);
          if (target.isEmpty()) {
            return end(
                session,
                done,
                index,
                FAILED,
                step.id()
                    + " raised "
                    + signal
                    + ", which flow "
                    + flow.name()
                    + " does not route");
          }
          Optional<String> failed = rewind(session, done, index, target.get());
          if (failed.isPresent()) {
            return compensationFailed(session, failed.get(), outcome.reason());
          }
          index = target.get();
        }
        case CANCEL -> {
          return end(session, done, index, CANCELLED, outcome.reason());
        }
        case FAIL -> {
          return end(session, done, index, FAILED, outcome.reason());
        }
        case UNSETTLED -> {
          // Nothing is undone and no final state is written: recovery finds the session open.
          return new Result(UNSETTLED, outcome.reason());
        }
      }
    }
    record(session, COMPLETED, Map.of());
    return new Result(COMPLETED, "");
  }

  private Outcome prepareStep(Step<S> step, S session) {
    try {
      return step.prepare(session);
    } catch (Exception e) {
      return failed(step, session, e);
    }
  }

  private Outcome runStep(Step<S> step, S session) {
    try {
      return step.run(session);
    } catch (Exception e) {
      return failed(step, session, e);
    }
  }

  private Outcome failed(Step<S> step, S session, Exception e) {
    LOG.warning("step " + step.id() + " of session " + session.id() + " failed: " + e);
    LOG.log(Level.FINE, "step failure detail", e);
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
    }
    return Outcome.fail(step.id() + ": " + e.getMessage());
  }

  /**
   * Compensates the step at {@code current}, which did not finish, then every done step at or after
   * {@code target}, newest first.
   *
   * @return the id of a step whose compensation failed
   */
  private Optional<String> rewind(S session, Deque<Integer> done, int current, int target) {
    if (!compensate(session, flow.step(current))) {
      return Optional.of(flow.step(current).id());
    }
    while (!done.isEmpty() && done.peek() >= target) {
      Step<S> step = flow.step(done.pop());
      if (!compensate(session, step)) {
        return Optional.of(step.id());
      }
    }
    return Optional.empty();
  }

  private Result end(S session, Deque<Integer> done, int current, String state, String reason) {
    Optional<String> failed = rewind(session, done, current, 0);
    if (failed.isPresent()) {
      return compensationFailed(session, failed.get(), reason);
    }
    record(session, state, Map.of("reason", reason));
    return new Result(state, reason);
  }

  /** Left open for start-up recovery, which finds the session's last state not final. */
  private Result compensationFailed(S session, String step, String reason) {
    String state = step + ".compensation-failed";
    return new Result(state, reason);
  }

  private boolean compensate(S session, Step<S> step) {
    step.prepareCompensate(session);
    record(session, step.id() + ".compensate", Map.of());
    try {
      step.compensate(session);
    } catch (Exception e) {
      LOG.log(
          Level.SEVERE, "compensation " + step.id() + " of session " + session.id() + " failed", e);
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      record(session, step.id() + ".compensation-failed", Map.of());
      return false;
    }
    record(session, step.id() + ".compensated", Map.of());
    return true;
  }

  private void record(S session, String state, Map<String, String> extra) {
    Map<String, String> facts = new TreeMap<>(session.facts());
    facts.putAll(extra);
    journal.record(session.id(), flow.name(), state, facts);
  }

  private static String journalState(Outcome outcome) {
    return switch (outcome.kind()) {
      case NEXT -> "done";
      case SIGNAL -> "signal";
      case CANCEL -> "cancel";
      case FAIL -> "fail";
      case UNSETTLED -> "unsettled";
    };
  }

  private static Map<String, String> extras(Outcome outcome) {
    Map<String, String> extra = new TreeMap<>();
    if (!outcome.reason().isEmpty()) {
      extra.put("reason", outcome.reason());
    }
    outcome.signal().ifPresent(s -> extra.put("signal", s.name()));
    return extra;
  }
}
