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
}
