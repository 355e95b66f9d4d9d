package com.kippu.simulator;

/**
 * One named customer journey of {@code kippu-simulator demo}: run on a fresh branch of its own, it
 * prints what the customer saw and checks balances, seats, card and journal through {@link
 * DemoRun#check}. Names are stable: testers and the README call them.
 */
interface DemoScenario {

  String name();

  /** One line saying what the customer does and what must come of it. */
  String title();

  /** Opens the branch this scenario plays on, under {@code dir}. */
  default Branch open(java.nio.file.Path dir) throws Exception {
    return Branch.open(dir, java.time.Clock.systemUTC());
  }

  void play(DemoRun run) throws Exception;
}
