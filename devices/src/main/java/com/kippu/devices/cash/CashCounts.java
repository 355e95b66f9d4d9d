package com.kippu.devices.cash;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How many pieces of each yen denomination: the contents of a cash unit, a deposit or a dispense.
 * Immutable; counts are never negative, and absent denominations count zero. The text form is the
 * UnifiedPOS cash counts format (readCashCounts, dispenseCash): {@code "1:0,5:2;1000:3"}.
 */
public final class CashCounts {

  private static final CashCounts EMPTY = new CashCounts(new EnumMap<>(Denomination.class));

  private final EnumMap<Denomination, Integer> counts;

  private CashCounts(EnumMap<Denomination, Integer> counts) {
    this.counts = counts;
  }

  public static CashCounts empty() {
    return EMPTY;
  }

  /**
   * Counts from a map.
   *
   * @throws IllegalArgumentException when a count is negative
   */
  public static CashCounts of(Map<Denomination, Integer> counts) {
    EnumMap<Denomination, Integer> copy = new EnumMap<>(Denomination.class);
    counts.forEach(
        (d, n) -> {
          if (n < 0) {
            throw new IllegalArgumentException("negative count " + n + " of " + d.yen() + " yen");
          }
          if (n > 0) {
            copy.put(d, n);
          }
        });
    return new CashCounts(copy);
  }

  public static CashCounts of(Denomination d, int count) {
    return of(Map.of(d, count));
  }

  /**
   * Parses the UnifiedPOS cash counts format: comma-separated {@code value:count} items, coins
   * before the semicolon and notes after it. Without a semicolon any denomination may appear.
   *
   * @param allowed the denominations the unit has; any other value is refused
   * @throws IllegalArgumentException naming the item that is malformed, unknown or repeated
   */
  public static CashCounts parse(String text, Collection<Denomination> allowed) {
    return of(parseItems(text, allowed));
  }

  /**
   * Like {@link #parse} but keeps the items listed with a zero count, for operations where "listed
   * as zero" differs from "not listed" (UnifiedPOS adjustCashCounts).
   */
  public static Map<Denomination, Integer> parseItems(
      String text, Collection<Denomination> allowed) {
    if (text == null) {
      throw new IllegalArgumentException("cash counts must not be null");
    }
    String[] sections = text.trim().split(";", -1);
    if (sections.length > 2) {
      throw new IllegalArgumentException("cash counts have more than one ';': '" + text + "'");
    }
    EnumMap<Denomination, Integer> parsed = new EnumMap<>(Denomination.class);
    for (int s = 0; s < sections.length; s++) {
      Boolean coinsHere = sections.length == 1 ? null : s == 0;
      for (String item : sections[s].split(",")) {
        if (!item.isBlank()) {
          parseItem(item.trim(), coinsHere, allowed, parsed);
        }
      }
    }
    return parsed;
  }

  private static void parseItem(
      String item,
      Boolean coinsHere,
      Collection<Denomination> allowed,
      EnumMap<Denomination, Integer> parsed) {
    int colon = item.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("cash count item '" + item + "' is not value:count");
    }
    Denomination d;
    int n;
    try {
      d = Denomination.ofYen(Integer.parseInt(item.substring(0, colon).trim()));
      n = Integer.parseInt(item.substring(colon + 1).trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("cash count item '" + item + "' is not value:count");
    }
    if (n < 0) {
      throw new IllegalArgumentException("cash count item '" + item + "' has a negative count");
    }
    if (coinsHere != null && coinsHere != d.isCoin()) {
      throw new IllegalArgumentException(
          "cash count item '" + item + "' is on the wrong side of ';' (coins first, then notes)");
    }
    if (!allowed.contains(d)) {
      throw new IllegalArgumentException(
          d.yen()
              + " yen is not handled by this unit ("
              + Denomination.cashList(List.copyOf(allowed))
              + ")");
    }
    if (parsed.putIfAbsent(d, n) != null) {
      throw new IllegalArgumentException(d.yen() + " yen appears twice in the cash counts");
    }
  }

  public int count(Denomination d) {
    return counts.getOrDefault(d, 0);
  }

  /** The value in yen. */
  public long total() {
    long sum = 0;
    for (Map.Entry<Denomination, Integer> e : counts.entrySet()) {
      sum += (long) e.getKey().yen() * e.getValue();
    }
    return sum;
  }

  /** The number of coins and notes. */
  public int pieces() {
    return counts.values().stream().mapToInt(Integer::intValue).sum();
  }

  public boolean isEmpty() {
    return counts.isEmpty();
  }

  /** The denominations with a count above zero, in cash-list order. */
  public List<Denomination> denominations() {
    return List.copyOf(counts.keySet());
  }

  public CashCounts plus(CashCounts other) {
    EnumMap<Denomination, Integer> sum = new EnumMap<>(counts);
    other.counts.forEach((d, n) -> sum.merge(d, n, Integer::sum));
    return new CashCounts(sum);
  }

  /**
   * These counts less {@code other}.
   *
   * @throws IllegalArgumentException when a count would become negative
   */
  public CashCounts minus(CashCounts other) {
    EnumMap<Denomination, Integer> rest = new EnumMap<>(counts);
    for (Map.Entry<Denomination, Integer> e : other.counts.entrySet()) {
      int left = count(e.getKey()) - e.getValue();
      if (left < 0) {
        throw new IllegalArgumentException(
            "cannot take " + e.getValue() + " of " + e.getKey().yen() + " yen from " + this);
      }
      rest.put(e.getKey(), left);
    }
    rest.values().removeIf(n -> n == 0);
    return new CashCounts(rest);
  }

  /** A copy with the count of {@code d} set to {@code count}. */
  public CashCounts with(Denomination d, int count) {
    EnumMap<Denomination, Integer> copy = new EnumMap<>(counts);
    copy.put(d, count);
    return of(copy);
  }

  /** Whether every count here is at most the count in {@code other}. */
  public boolean fitsIn(CashCounts other) {
    return counts.entrySet().stream().allMatch(e -> e.getValue() <= other.count(e.getKey()));
  }

  /**
   * UnifiedPOS cash counts over {@code units}, every unit listed in order even when zero, e.g.
   * {@code "1:0,5:0,10:3,50:0,100:0,500:1;1000:2,2000:0,5000:0,10000:0"}.
   */
  public String format(List<Denomination> units) {
    return section(units, true) + ";" + section(units, false);
  }

  private String section(List<Denomination> units, boolean coins) {
    return units.stream()
        .filter(d -> d.isCoin() == coins)
        .sorted()
        .map(d -> d.yen() + ":" + count(d))
        .collect(Collectors.joining(","));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CashCounts c && counts.equals(c.counts);
  }

  @Override
  public int hashCode() {
    return counts.hashCode();
  }

  /** Only the denominations present, e.g. {@code "500:1;1000:2"}. */
  @Override
  public String toString() {
    return format(denominations());
  }
}
