package com.kippu.atm.flow;

import com.kippu.atm.journal.SessionId;
import java.util.Map;

/** The state one customer session carries through a flow's steps. */
public interface FlowSession {

  SessionId id();

  /**
   * Facts worth journaling at this point: ids, amounts, references. Never a PIN, a full card number
   * or a full account number.
   */
  Map<String, String> facts();

  /**
   * The runner hands over, before a step runs, the way to journal a checkpoint inside it: for a
   * step whose side effect must follow a fact the journal already holds (cash is kept only once its
   * credit's approval is journaled). A session no step checkpoints ignores it.
   */
  default void checkpointWith(Checkpoint checkpoint) {}

  /** Journals the session's facts now, under the running step's id and {@code point}. */
  @FunctionalInterface
  interface Checkpoint {
    void record(String point);
  }
}
