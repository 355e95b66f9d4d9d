package com.kippu.simulator.crash;

import com.kippu.atm.store.CrashPoints;
import com.kippu.center.CenterCommits;
import com.kippu.devices.DeviceCommits;
import com.kippu.simulator.crash.ChildJvm.KillPoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where one scenario's sweep kills: at every commit its uncrashed run made of each durable writer
 * in the child — the terminal's journal, the link state (one writer per route, the bank's and the
 * card network's, both threads named {@value #LINK}), the simulated bank host's ledger (the host
 * has committed a posting and the whole branch dies before its answer leaves), the simulated
 * devices' own records (a value record on the card's purse, the cash unit's counts file: the device
 * moved money and the terminal has not journaled it) and the issuer center's holds, cancels and
 * issuances (committed, the terminal not answered). The commits the branch makes while it opens,
 * before any scenario begins, are the same for every scenario on a copy of the same seeded branch,
 * so only one scenario of the table kills there.
 */
final class KillPoints {
  /** The terminal's link state writers, by their thread name. */
  static final String LINK = "link-state-writer";

  /** The simulated bank host's ledger writer, by its thread name. */
  static final String HOST_LEDGER = "ledger-writer-bank-host.db";

  /** Every point swept, in sweep order. */
  static final List<String> SWEPT =
      List.of(
          CrashPoints.JOURNAL,
          LINK,
          HOST_LEDGER,
          DeviceCommits.PURSE,
          DeviceCommits.CASH_UNIT,
          CenterCommits.RESERVATIONS);

  private KillPoints() {}

  /**
   * A scenario's uncrashed run: the session's result, its commits per point, and how many of them
   * the branch made while it opened.
   */
  record Counted(String result, Map<String, Long> made, Map<String, Long> atStart) {
    /** Parses the child's {@link CrashChild#DONE} line; returns the scenario's name and counts. */
    static Map.Entry<String, Counted> parse(String doneLine) {
      String[] words = doneLine.split(" ");
      Map<String, Long> made = new HashMap<>();
      Map<String, Long> atStart = new HashMap<>();
      for (int i = 3; i < words.length; i++) {
        String[] pointAndCount = words[i].split("=");
        long n = Long.parseLong(pointAndCount[1]);
        if (pointAndCount[0].startsWith(CrashChild.AT_START)) {
          atStart.put(pointAndCount[0].substring(CrashChild.AT_START.length()), n);
        } else {
          made.put(pointAndCount[0], n);
        }
      }
      return Map.entry(words[1], new Counted(words[2], made, atStart));
    }

    long made(String point) {
      return made.getOrDefault(point, 0L);
    }

    long atStart(String point) {
      return atStart.getOrDefault(point, 0L);
    }

    /**
     * The commits per swept point, e.g. "21 journal, 7 link, 1 host ledger, 0 purse, 6 cash unit, 2
     * center".
     */
    String describe() {
      return made(CrashPoints.JOURNAL)
          + " journal, "
          + made(LINK)
          + " link, "
          + made(HOST_LEDGER)
          + " host ledger, "
          + made(DeviceCommits.PURSE)
          + " purse, "
          + made(DeviceCommits.CASH_UNIT)
          + " cash unit, "
          + made(CenterCommits.RESERVATIONS)
          + " center";
    }
  }

  /**
   * The kill points of a scenario that made {@code counted}: every commit of every swept point,
   * less those of the branch's start unless {@code sweepsStart}, then every {@code every}-th of
   * them in sweep order (the first, then each {@code every} further on), and only those named in
   * {@code only} when it is not empty.
   */
  static List<KillPoint> of(Counted counted, boolean sweepsStart, int every, Set<String> only) {
    List<KillPoint> points = new ArrayList<>();
    for (String point : SWEPT) {
      long first = sweepsStart ? 1 : counted.atStart(point) + 1;
      for (long n = first; n <= counted.made(point); n++) {
        points.add(new KillPoint(point, n));
      }
    }
    List<KillPoint> swept = new ArrayList<>();
    for (int i = 0; i < points.size(); i += every) {
      KillPoint p = points.get(i);
      if (only.isEmpty() || only.contains(p.toString())) {
        swept.add(p);
      }
    }
    return swept;
  }

  /** How many kill points the scenario's run has, its branch's start included. */
  static long all(Counted counted) {
    return SWEPT.stream().mapToLong(counted::made).sum();
  }

  /** How many commits of the swept points the branch's start made. */
  static long atStart(Counted counted) {
    return SWEPT.stream().mapToLong(counted::atStart).sum();
  }
}
