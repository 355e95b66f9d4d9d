package com.kippu.devices.cash;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A yen coin or note a cash unit handles. The declaration order (coins ascending, then notes
 * ascending) is the order of UnifiedPOS cash lists: {@code
 * "1,5,10,50,100,500;1000,2000,5000,10000"}.
 */
public enum Denomination {
  COIN_1(1, true),
  COIN_5(5, true),
  COIN_10(10, true),
  COIN_50(50, true),
  COIN_100(100, true),
  COIN_500(500, true),
  NOTE_1000(1000, false),
  NOTE_2000(2000, false),
  NOTE_5000(5000, false),
  NOTE_10000(10000, false);

  /** Every yen denomination, in cash-list order. */
  public static final List<Denomination> YEN = List.of(values());

  private final int yen;
  private final boolean coin;

  Denomination(int yen, boolean coin) {
    this.yen = yen;
    this.coin = coin;
  }

  public int yen() {
    return yen;
  }

  public boolean isCoin() {
    return coin;
  }

  /**
   * The denomination of face value {@code yen}.
   *
   * @throws IllegalArgumentException when no yen coin or note has that value
   */
  public static Denomination ofYen(int yen) {
    for (Denomination d : values()) {
      if (d.yen == yen) {
        return d;
      }
    }
    throw new IllegalArgumentException("no yen coin or note of value " + yen);
  }

  /** UnifiedPOS cash list: coin values, a semicolon, note values, e.g. {@code ";1000"}. */
  public static String cashList(List<Denomination> units) {
    return values(units, true) + ";" + values(units, false);
  }

  /**
   * The denominations of a UnifiedPOS cash list such as {@code "1,5;1000"}.
   *
   * @throws IllegalArgumentException when an entry is not a yen value
   */
  public static List<Denomination> parseCashList(String list) {
    List<Denomination> out = new ArrayList<>();
    for (String v : list.split("[,;]")) {
      if (!v.isBlank()) {
        try {
          out.add(ofYen(Integer.parseInt(v.trim())));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("cash list entry '" + v + "' is not a number");
        }
      }
    }
    return List.copyOf(out);
  }

  private static String values(List<Denomination> units, boolean coins) {
    return units.stream()
        .filter(d -> d.coin == coins)
        .sorted()
        .map(d -> Integer.toString(d.yen))
        .collect(Collectors.joining(","));
  }
}
