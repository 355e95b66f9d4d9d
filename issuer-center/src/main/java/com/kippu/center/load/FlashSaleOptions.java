package com.kippu.center.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The load command's settings, read in this one place ({@code --key=value} or {@code --key value}).
 * Keys and defaults: {@code --postgres embedded} (or a {@code jdbc:postgresql:} URL of a server
 * where the user may CREATE DATABASE), {@code --seats 50000}, {@code --terminals 1000}, {@code
 * --rate 5500} holds per second offered (0 = closed loop, as fast as answered), {@code --quantity
 * 2} seats per hold, {@code --pay 0} share of holds paid and issued at once, {@code --warmup-seats
 * 60000} (sold first at the offered rate, then a sixth as many at a fifth of it, to warm the JIT
 * up; not reported), {@code --rounds 2} (strategy order alternates), {@code --strategies
 * baseline,batched}, {@code --http-threads} and {@code --pool} (database connections; both default
 * to what served each strategy best in trials: 64 and 64 for the baseline, whose throughput grows
 * with concurrent transactions, 32 and 16 for the batched claims), {@code --time-limit 120} seconds
 * per phase, {@code --nodes 1} (2 to 8: the batched claims also run on that many centers sharing
 * the database, the terminals dealt over them, and the ratio to one node is printed).
 */
record FlashSaleOptions(
    String postgres,
    int seats,
    int terminals,
    int rate,
    int quantity,
    double pay,
    int warmupSeats,
    int rounds,
    List<String> strategies,
    int httpThreads,
    int pool,
    Duration timeLimit,
    int nodes) {

  static final String EMBEDDED = "embedded";
  static final List<String> STRATEGIES = List.of("baseline", "batched");

  FlashSaleOptions {
    strategies = List.copyOf(strategies);
    if (!postgres.equals(EMBEDDED) && !postgres.startsWith("jdbc:postgresql:")) {
      throw new IllegalArgumentException("--postgres must be 'embedded' or a jdbc:postgresql: URL");
    }
    if (seats < 1 || terminals < 1 || rate < 0 || quantity < 1 || quantity > 10) {
      throw new IllegalArgumentException(
          "--seats and --terminals must be positive, --rate at least 0, --quantity 1 to 10");
    }
    if (pay < 0 || pay > 1 || warmupSeats < 0 || rounds < 1 || httpThreads < 0 || pool < 0) {
      throw new IllegalArgumentException(
          "--pay must be 0 to 1; --warmup-seats at least 0; --rounds at least 1; --http-threads"
              + " and --pool positive");
    }
    if (nodes < 1 || nodes > 8) {
      throw new IllegalArgumentException("--nodes must be 1 to 8");
    }
    if (nodes > 1 && !strategies.contains("batched")) {
      throw new IllegalArgumentException("--nodes needs the batched strategy");
    }
    for (String s : strategies) {
      if (!STRATEGIES.contains(s)) {
        throw new IllegalArgumentException("--strategies: unknown strategy " + s);
      }
    }
  }

  static FlashSaleOptions parse(String... args) {
    Map<String, String> given = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (!arg.startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument " + arg);
      }
      int eq = arg.indexOf('=');
      if (eq > 0) {
        given.put(arg.substring(2, eq), arg.substring(eq + 1));
      } else if (i + 1 < args.length) {
        given.put(arg.substring(2), args[++i]);
      } else {
        throw new IllegalArgumentException(arg + " needs a value");
      }
    }
    Map<String, String> left = new LinkedHashMap<>(given);
    FlashSaleOptions options =
        new FlashSaleOptions(
            text(left, "postgres", EMBEDDED),
            number(left, "seats", 50_000),
            number(left, "terminals", 1_000),
            number(left, "rate", 5_500),
            number(left, "quantity", 2),
            Double.parseDouble(text(left, "pay", "0")),
            number(left, "warmup-seats", 60_000),
            number(left, "rounds", 2),
            List.of(text(left, "strategies", String.join(",", STRATEGIES)).split(",")),
            number(left, "http-threads", 0),
            number(left, "pool", 0),
            Duration.ofSeconds(number(left, "time-limit", 120)),
            number(left, "nodes", 1));
    if (!left.isEmpty()) {
      throw new IllegalArgumentException("unknown option --" + left.keySet().iterator().next());
    }
    return options;
  }

  /** How many centers share the database in run {@code run}. */
  static int nodesOf(String run) {
    return run.startsWith("batched-") ? Integer.parseInt(run.substring(8, run.length() - 1)) : 1;
  }

  /** HTTP worker threads for {@code strategy}: as given, else its own default. */
  int httpThreadsFor(String strategy) {
    return httpThreads > 0 ? httpThreads : strategy.equals("baseline") ? 64 : 32;
  }

  /** Database connections for {@code strategy}: as given, else its own default. */
  int poolFor(String strategy) {
    return pool > 0 ? pool : strategy.equals("baseline") ? 64 : 16;
  }

  /**
   * Runs of round {@code round} (0-based), reversed every other round: the strategies, and with
   * {@code --nodes N} the batched claims again on N centers sharing the database ({@code
   * batched-Nn}).
   */
  List<String> order(int round) {
    List<String> order = new ArrayList<>(strategies);
    if (nodes > 1) {
      order.add(order.indexOf("batched") + 1, "batched-" + nodes + "n");
    }
    if (round % 2 == 1) {
      java.util.Collections.reverse(order);
    }
    return order;
  }

  private static String text(Map<String, String> left, String key, String fallback) {
    String v = left.remove(key);
    return v == null
        ? fallback
        : v.strip().toLowerCase(Locale.ROOT).equals(EMBEDDED) ? EMBEDDED : v.strip();
  }

  private static int number(Map<String, String> left, String key, int fallback) {
    String v = left.remove(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(v.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("--" + key + " must be an integer: " + v, e);
    }
  }
}
