package com.kippu.devices;

import java.util.function.Consumer;

/**
 * A hook for crash tests at the durable commits of the simulated devices' own records: the e-money
 * purse's value log on the card ({@value #PURSE}), a cash unit's counts file ({@value #CASH_UNIT}),
 * a card's write-once area ({@value #CARD_RECORD}) and a card face printed ({@value #CARD_FACE}).
 * It is told right after a commit is on disk, before the device's caller hears of it. Nothing
 * listens unless a crash test's child JVM sets a listener, so in any other run a commit costs one
 * volatile read.
 */
public final class DeviceCommits {
  /** A value record (subtraction or add-back) appended to a card's purse. */
  public static final String PURSE = "purse";

  /** A cash unit's counts file rewritten (keep, dispense, repay, or any other move). */
  public static final String CASH_UNIT = "cash-unit";

  /** A record appended to a card's write-once area (a ticket, a holder record, an application). */
  public static final String CARD_RECORD = "card-record";

  /** A card's face printed (the printer's image of it written beside the card). */
  public static final String CARD_FACE = "card-face";

  private static volatile Consumer<String> listener;

  private DeviceCommits() {}

  /** Sends every later commit to {@code listener} (null: to nobody). */
  public static void listen(Consumer<String> listener) {
    DeviceCommits.listener = listener;
  }

  /** A commit of {@code point} is on disk and its caller not yet told. */
  public static void committed(String point) {
    Consumer<String> l = listener;
    if (l != null) {
      l.accept(point);
    }
  }
}
