package com.kippu.devices.cash;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Chooses which pieces pay out an amount from a limited stock: the plan with the largest pieces
 * first that the stock can make exactly. Greedy alone is not enough with limited stock (6000 yen
 * from one 5000 and three 2000 notes needs the three 2000s), so it searches, remembering the
 * (denomination, remainder) states that cannot succeed so each is tried once.
 */
public final class ChangePlanner {

  private ChangePlanner() {}

  /** The pieces paying exactly {@code amount} yen from {@code stock}, or empty when impossible. */
  public static Optional<CashCounts> plan(
      long amount, CashCounts stock, List<Denomination> usable) {
    if (amount <= 0) {
      return Optional.empty();
    }
    List<Denomination> largestFirst = new ArrayList<>(usable);
    largestFirst.sort((a, b) -> Integer.compare(b.yen(), a.yen()));
    long[] valueBelow = new long[largestFirst.size() + 1];
    for (int i = largestFirst.size() - 1; i >= 0; i--) {
      Denomination d = largestFirst.get(i);
      valueBelow[i] = valueBelow[i + 1] + (long) d.yen() * stock.count(d);
    }
    EnumMap<Denomination, Integer> chosen = new EnumMap<>(Denomination.class);
    Set<Long> dead = new HashSet<>();
    if (!search(0, amount, largestFirst, stock, valueBelow, chosen, dead)) {
      return Optional.empty();
    }
    return Optional.of(CashCounts.of(chosen));
  }

  private static boolean search(
      int i,
      long rest,
      List<Denomination> ds,
      CashCounts stock,
      long[] valueBelow,
      EnumMap<Denomination, Integer> chosen,
      Set<Long> dead) {
    if (rest == 0) {
      return true;
    }
    if (i == ds.size() || rest > valueBelow[i]) {
      return false;
    }
    long key = rest * 16 + i; // at most 10 denominations, so i fits in 4 bits
    if (dead.contains(key)) {
      return false;
    }
    Denomination d = ds.get(i);
    long most = Math.min(stock.count(d), rest / d.yen());
    for (long n = most; n >= 0; n--) {
      if (search(i + 1, rest - n * d.yen(), ds, stock, valueBelow, chosen, dead)) {
        if (n > 0) {
          chosen.put(d, (int) n);
        }
        return true;
      }
    }
    dead.add(key);
    return false;
  }
}
