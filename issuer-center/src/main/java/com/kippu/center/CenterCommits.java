package com.kippu.center;

import java.util.function.Consumer;

/**
 * A hook for crash tests at the center's durable commits a terminal waits on: a terminal's hold,
 * cancel and issuance ({@value #RESERVATIONS}), told once the reservation service returned (its
 * transaction committed) and before the terminal's answer is written. Nothing listens unless a
 * crash test's child JVM, which runs the center next to the terminal, sets a listener; in any other
 * run a commit costs one volatile read.
 */
public final class CenterCommits {
  /** A terminal's hold, cancel or issuance committed (or refused), its answer not yet sent. */
  public static final String RESERVATIONS = "center";

  /**
   * A lost card's loss or reissue, or a prepaid recharge, committed, the terminal not yet answered.
   */
  public static final String CARDS = "center-cards";

  /**
   * A sale without a hold (a direct ticket purchase, a commuter pass sold or withdrawn) or a card
   * linked to a user, committed, the terminal not yet answered.
   */
  public static final String SALES = "center-sales";

  /** A home PC's payment recorded or taken back (F13), the terminal not yet answered. */
  public static final String HOME = "center-home";

  private static volatile Consumer<String> listener;

  private CenterCommits() {}

  /** Sends every later commit to {@code listener} (null: to nobody). */
  public static void listen(Consumer<String> listener) {
    CenterCommits.listener = listener;
  }

  /** A commit of {@code point} is durable and the terminal not yet answered. */
  public static void committed(String point) {
    Consumer<String> l = listener;
    if (l != null) {
      l.accept(point);
    }
  }
}
