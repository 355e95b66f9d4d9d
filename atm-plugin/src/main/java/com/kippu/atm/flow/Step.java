package com.kippu.atm.flow;

/**
 * One job of a flow (hold seats, debit an account, write the card). {@link #prepare} records in the
 * session what the side effect is about to do, without doing it, so the journal entry written next
 * names it; {@link #run} does it and may refuse by returning an outcome other than {@link
 * Outcome#next()}; {@link #compensate} undoes what {@code run} did and must be idempotent, because
 * recovery may run it again (STYLE ¶7).
 *
 * @param <S> the flow's session state
 */
public interface Step<S extends FlowSession> {

  /** Imperative name used in the journal, e.g. {@code HoldSeats}. */
  default String name() {
    return getClass().getSimpleName();
  }

  /** Fills the session with the intent of {@link #run}; no side effect outside the session. */
  default void prepare(S session) {}

  Outcome run(S session) throws Exception;

  default void compensate(S session) throws Exception {}
}
