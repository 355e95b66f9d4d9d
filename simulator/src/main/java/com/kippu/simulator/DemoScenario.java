package com.kippu.simulator;

import com.kippu.atm.spi.TerminalProfile;

/**
 * One named customer journey of {@code kippu-simulator demo}: run on a fresh branch of its own, it
 * prints what the customer saw and checks balances, seats, card and journal through {@link
 * DemoRun#check}. Names are stable: testers and the README call them.
 */
interface DemoScenario {

  String name();

  /** One line saying what the customer does and what must come of it. */
  String title();

  /** The kind of terminal the scenario's branch has. */
  default TerminalProfile.Kind kind() {
    return TerminalProfile.Kind.BANK_ATM;
  }

  void play(DemoRun run) throws Exception;
}
