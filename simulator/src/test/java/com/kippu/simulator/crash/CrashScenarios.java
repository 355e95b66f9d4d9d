package com.kippu.simulator.crash;

import java.util.List;

/** The table of scenarios the crash sweep runs: one or more entries per payment method. */
final class CrashScenarios {
  static final List<CrashScenario> ALL =
      List.of(
          TransferScenario.buys("transfer", "A-1-1"),
          TransferScenario.declinedThenCancels("transfer-declined", "A-1-2"),
          TransferScenario.debitBuys("debit", "A-1-3"));

  private CrashScenarios() {}

  /** The scenario named {@code name}. */
  static CrashScenario named(String name) {
    return ALL.stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no crash scenario named " + name));
  }
}
