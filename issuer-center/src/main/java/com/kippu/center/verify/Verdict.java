package com.kippu.center.verify;

/** A gate's answer for one ticket (S1 ¶79): enter, already used, revoked, or not ours. */
public enum Verdict {
  VALID,
  USED,
  REVOKED,
  UNKNOWN,
  /** The ticket is valid, but for an event at another venue than this gate's. */
  WRONG_VENUE
}
