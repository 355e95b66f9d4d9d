package com.kippu.atm.flow;

/**
 * One job of a flow (hold seats, pay, write the card). {@link #prepare} records in the session what
 * the side effect is about to do, without doing it, so the journal entry written next names it;
 * {@link #run} does it and may refuse by returning an outcome other than {@link Outcome#next()};
 * {@link #compensate} undoes whatever {@code run} did, also when {@code run} stopped half-way, and
 * must be idempotent, because the runner calls it for every step it rewinds and recovery may call
 * it again (STYLE ¶7).
 *
 * @param <S> the flow's session state
 */
public interface Step<S extends FlowSession> {

  /**
   * The step's stable id in the journal, e.g. {@code hold-seats}: journals outlive releases, so it
   * never changes when the class is renamed.
   */
  String id();

  /**
   * Fills the session with the intent of {@link #run}, with no side effect outside the session and
   * the customer's devices; any outcome but {@link Outcome#next()} refuses the step before it
   * begins.
   */
  default Outcome prepare(S session) throws Exception {
    return Outcome.next();
  }

  Outcome run(S session) throws Exception;

  /**
   * Records in the session what {@link #compensate} is about to undo, without undoing it, so the
   * journal entry written before the compensation names it: a crash half-way through taking a
   * payment back must not be recovered as a payment that stands.
   */
  default void prepareCompensate(S session) {}

  default void compensate(S session) throws Exception {}
}
