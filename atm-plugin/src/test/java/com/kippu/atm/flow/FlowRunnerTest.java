package com.kippu.atm.flow;

import static com.kippu.atm.flow.Flow.backTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.journal.FakeJournal;
import com.kippu.atm.journal.SessionId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The runner on its own: routes declared in the flow, what a rewind compensates, the journal. */
class FlowRunnerTest {
  private final FakeJournal journal =
      new FakeJournal(Set.of(FlowRunner.COMPLETED, FlowRunner.CANCELLED, FlowRunner.FAILED));
  private final List<String> log = new ArrayList<>();
  private final Session session = new Session();

  private static final class Session implements FlowSession {
    @Override
    public SessionId id() {
      return new SessionId("S1");
    }

    @Override
    public Map<String, String> facts() {
      return Map.of();
    }
  }

  /** A step that answers the outcomes it is given in turn, then next, and logs what it did. */
  private final class Scripted implements Step<Session> {
    private final String id;
    private final Deque<Outcome> answers = new ArrayDeque<>();
    boolean compensationFails;

    Scripted(String id, Outcome... answers) {
      this.id = id;
      this.answers.addAll(List.of(answers));
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public Outcome run(Session s) {
      log.add("run " + id);
      return answers.isEmpty() ? Outcome.next() : answers.poll();
    }

    @Override
    public void compensate(Session s) {
      if (compensationFails) {
        throw new IllegalStateException("cannot undo " + id);
      }
      log.add("undo " + id);
    }
  }

  private FlowRunner.Result run(Flow<Session> flow) {
    return new FlowRunner<>(flow, journal).run(session);
  }

  @Test
  void aCheckpointInsideAStepIsJournaledUnderItsIdBetweenBeginAndDone() {
    final class Checkpointed implements FlowSession {
      private Checkpoint checkpoint;

      @Override
      public SessionId id() {
        return new SessionId("S2");
      }

      @Override
      public Map<String, String> facts() {
        return Map.of();
      }

      @Override
      public void checkpointWith(Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
      }
    }
    Step<Checkpointed> pay =
        new Step<>() {
          @Override
          public String id() {
            return "pay";
          }

          @Override
          public Outcome run(Checkpointed s) {
            s.checkpoint.record("approved");
            return Outcome.next();
          }
        };
    Checkpointed checkpointed = new Checkpointed();

    new FlowRunner<>(Flow.<Checkpointed>named("F").step(pay).build(), journal).run(checkpointed);

    assertEquals(
        List.of("pay.begin", "pay.approved", "pay.done", FlowRunner.COMPLETED),
        journal.states(checkpointed.id()));
  }

  @Test
  void routedSignalRewindsAndCompensatesEveryStepItPassesNewestFirst() {
    Scripted choose = new Scripted("choose");
    Scripted hold = new Scripted("hold");
    Scripted pay = new Scripted("pay", Outcome.signal(Signal.DECLINED, "51"));
    Flow<Session> flow =
        Flow.<Session>named("F")
            .step(choose)
            .step(hold)
            .step(pay)
            .on(Signal.DECLINED, backTo(choose))
            .build();

    FlowRunner.Result result = run(flow);

    assertTrue(result.completed(), result.reason());
    assertEquals(
        List.of(
            "run choose",
            "run hold",
            "run pay",
            "undo pay",
            "undo hold",
            "undo choose",
            "run choose",
            "run hold",
            "run pay"),
        log);
    assertTrue(journal.states(session.id()).contains("pay.signal"));
  }

  @Test
  void signalRoutedToItsOwnStepRunsItAgainAfterUndoingIt() {
    Scripted pay = new Scripted("pay", Outcome.signal(Signal.TRY_AGAIN, "55"));
    Flow<Session> flow =
        Flow.<Session>named("F")
            .step(new Scripted("choose"))
            .step(pay)
            .on(Signal.TRY_AGAIN, backTo(pay))
            .build();

    assertTrue(run(flow).completed());
    assertEquals(List.of("run choose", "run pay", "undo pay", "run pay"), log);
  }

  @Test
  void signalTheFlowDoesNotRouteFailsTheSessionAndUndoesEverything() {
    Flow<Session> flow =
        Flow.<Session>named("F")
            .step(new Scripted("choose"))
            .step(new Scripted("pay", Outcome.signal(Signal.SEAT_TAKEN, "")))
            .build();

    FlowRunner.Result result = run(flow);

    assertEquals(FlowRunner.FAILED, result.state());
    assertTrue(result.reason().contains("does not route"), result.reason());
    assertEquals(List.of("run choose", "run pay", "undo pay", "undo choose"), log);
  }

  @Test
  void cancelUndoesTheCancellingStepAndEveryDoneStep() {
    Flow<Session> flow =
        Flow.<Session>named("F")
            .step(new Scripted("a"))
            .step(new Scripted("b", Outcome.cancel("customer")))
            .step(new Scripted("c"))
            .build();

    FlowRunner.Result result = run(flow);

    assertEquals(FlowRunner.CANCELLED, result.state());
    assertEquals(List.of("run a", "run b", "undo b", "undo a"), log);
    List<String> states = journal.states(session.id());
    assertEquals(
        List.of(
            "a.begin",
            "a.done",
            "b.begin",
            "b.cancel",
            "b.compensate",
            "b.compensated",
            "a.compensate",
            "a.compensated",
            "CANCELLED"),
        states);
  }

  @Test
  void stepThatThrowsFailsTheSession() {
    Step<Session> broken =
        new Step<>() {
          @Override
          public String id() {
            return "broken";
          }

          @Override
          public Outcome run(Session s) {
            throw new IllegalStateException("device gone");
          }
        };
    FlowRunner.Result result = run(Flow.<Session>named("F").step(broken).build());

    assertEquals(FlowRunner.FAILED, result.state());
    assertEquals("broken: device gone", result.reason());
  }

  @Test
  void failedCompensationLeavesTheSessionOpenForRecovery() {
    Scripted a = new Scripted("a");
    a.compensationFails = true;
    Flow<Session> flow =
        Flow.<Session>named("F").step(a).step(new Scripted("b", Outcome.fail("x"))).build();

    FlowRunner.Result result = run(flow);

    assertEquals("a.compensation-failed", result.state());
    assertEquals(List.of(session.id()), journal.openSessions());
  }

  @Test
  void loopingCustomerEndsAfterTooManyTransitions() {
    Scripted pay = new Scripted("pay");
    for (int i = 0; i < 300; i++) {
      pay.answers.add(Outcome.signal(Signal.TRY_AGAIN, ""));
    }
    FlowRunner.Result result =
        run(Flow.<Session>named("F").step(pay).on(Signal.TRY_AGAIN, backTo(pay)).build());

    assertEquals(FlowRunner.FAILED, result.state());
    assertTrue(result.reason().contains("looping"), result.reason());
  }

  @Test
  void routeForwardOrToAStepOutsideTheFlowIsRefusedWhenBuilt() {
    Scripted a = new Scripted("a");
    Scripted b = new Scripted("b");
    assertThrows(
        IllegalStateException.class,
        () -> Flow.<Session>named("F").step(a).on(Signal.DECLINED, backTo(b)).step(b).build());
    assertThrows(
        IllegalStateException.class,
        () -> Flow.<Session>named("F").step(a).step(new Scripted("a")).build());
  }
}
