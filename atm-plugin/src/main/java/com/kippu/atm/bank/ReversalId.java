package com.kippu.atm.bank;

/** Identifies one reversal in the {@link ReversalQueue}; meaningless outside its state file. */
record ReversalId(long value) {
  @Override
  public String toString() {
    return "rev-" + value;
  }
}
