package com.kippu.center;

import com.kippu.center.home.CardAuthorizer;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A card host for the home PC's payments in tests: approves every amount but those ending in 99
 * (declined, response code 05), takes back the approvals it gave (nothing else, like a real host),
 * and can be switched off to answer as a host that cannot be reached.
 */
final class TestCardHost implements CardAuthorizer {
  private final AtomicInteger stan = new AtomicInteger();
  private final Set<String> approved = ConcurrentHashMap.newKeySet();
  private final Set<String> reversed = ConcurrentHashMap.newKeySet();
  private volatile boolean reachable = true;

  /** Whether the host answers; off, every call is {@link UnavailableException}. */
  void reachable(boolean answers) {
    reachable = answers;
  }

  /** The references the center took back. */
  Set<String> reversed() {
    return Set.copyOf(reversed);
  }

  @Override
  public Authorization authorize(
      String reference, String cardNumber, String expiryYymm, long amountYen)
      throws UnavailableException {
    requireReachable();
    int trace = stan.incrementAndGet();
    boolean declined = amountYen % 100 == 99;
    if (!declined) {
      approved.add(reference);
    }
    return new Authorization(
        declined ? "05" : "00",
        String.format("RRN%09d", trace),
        declined ? "" : String.format("A%05d", trace),
        String.format("%06d", trace),
        Instant.parse("2026-12-01T01:00:00Z"));
  }

  @Override
  public boolean reverse(String reference) throws UnavailableException {
    requireReachable();
    if (!approved.contains(reference)) {
      return false;
    }
    reversed.add(reference);
    return true;
  }

  private void requireReachable() throws UnavailableException {
    if (!reachable) {
      throw new UnavailableException("the test card host is switched off");
    }
  }
}
