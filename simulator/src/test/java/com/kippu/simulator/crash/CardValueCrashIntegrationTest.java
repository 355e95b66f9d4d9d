package com.kippu.simulator.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.card.CardId;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.store.CrashPoints;
import com.kippu.center.CenterCommits;
import com.kippu.devices.DeviceCommits;
import com.kippu.simulator.Branch;
import com.kippu.simulator.BranchCopies;
import com.kippu.simulator.CardValueScenarios;
import com.kippu.simulator.crash.ChildJvm.KillPoint;
import com.kippu.simulator.crash.CrashScenario.Weighing;
import com.kippu.simulator.crash.KillPoints.Counted;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Adding to a card already issued (F11) keeps every yen when the terminal is killed with SIGKILL
 * anywhere in it: a child JVM plays Hanako's 10,000-yen recharge of her prepaid card ({@link
 * RechargeScenario}) or her 500-yen purchase of an issuer's application ({@link
 * AddFunctionScenario}), both by transfer, and is killed at a commit of the terminal's journal, of
 * its bank link's state, of the bank host's ledger, of the center's recharge ({@link
 * CenterCommits#CARDS}), of the purse ({@link DeviceCommits#PURSE}) or of the card's records
 * ({@link DeviceCommits#CARD_RECORD}); the terminal starts again on the same files with the card in
 * its reader. Then the bank's total is unchanged and what Hanako lost is what the issuer gained;
 * for the recharge it is what the center recorded on the card and what the purse gained (10,000:
 * value loaded once, or 0: the debit reversed); for the application she lost 500 exactly when it is
 * on her card. No session is left open. Every commit of the center, the bank host's ledger, the
 * purse and the card is killed; of the journal and the link, one in {@link #EVERY} (their
 * neighbours differ only in what the screens showed).
 */
class CardValueCrashIntegrationTest {
  private static final Duration CHILD_DEADLINE = Duration.ofSeconds(90);
  private static final Duration REVERSAL_DRAIN = Duration.ofSeconds(30);

  /** One journal or link commit in this many is killed. */
  private static final int EVERY = 2;

  private static final RechargeScenario RECHARGE =
      (RechargeScenario) CrashScenarios.named("recharge");
  private static final AddFunctionScenario ADD =
      (AddFunctionScenario) CrashScenarios.named("add-function");

  @TempDir static Path work;

  private static Path template;
  private static final Map<String, Weighing> BEFORE = new HashMap<>();
  private static final Map<String, Counted> COUNTED = new HashMap<>();

  @BeforeAll
  static void seedAndCount() throws Exception {
    assumeFalse(
        System.getProperty("os.name").startsWith("Windows"),
        "the test kills its children with SIGKILL, which needs a POSIX system");
    template = work.resolve("template");
    try (Branch branch = Branch.open(template, Clock.systemUTC())) {
      CardValueScenarios.prepaidCard(branch, RechargeScenario.CARD);
      assertEquals(RechargeScenario.START_VALUE, RECHARGE.purse(branch), "the card's purse");
      CardValueScenarios.pointsApplication(branch);
      for (CrashScenario s : CrashScenarios.CARD_VALUE) {
        BEFORE.put(s.name(), s.weigh(branch));
      }
    }
    List<String> pairs = new ArrayList<>();
    for (CrashScenario s : CrashScenarios.CARD_VALUE) {
      pairs.add(s.name());
      pairs.add(copyOf(template, "uncrashed-" + s.name()).toString());
    }
    for (String line : child().count(pairs)) {
      Map.Entry<String, Counted> counted = Counted.parse(line);
      COUNTED.put(counted.getKey(), counted.getValue());
    }
  }

  @Test
  void theUncrashedRunsMoveWhatTheySay() throws Exception {
    Counted recharge = COUNTED.get(RECHARGE.name());
    assertEquals("COMPLETED", recharge.result(), recharge.toString());
    assertTrue(recharge.made(DeviceCommits.PURSE) >= 1, "the purse was written: " + recharge);
    assertTrue(recharge.made(CenterCommits.CARDS) >= 1, "the center recorded it: " + recharge);
    Counted add = COUNTED.get(ADD.name());
    assertEquals("COMPLETED", add.result(), add.toString());
    assertTrue(add.made(DeviceCommits.CARD_RECORD) >= 1, "the card was written: " + add);
    for (CrashScenario s : CrashScenarios.CARD_VALUE) {
      Path run = work.resolve("uncrashed-" + s.name());
      assertEquals(List.of(), audit(s, run, true), s.name());
    }
  }

  @Test
  void aKillAnywhereInTheRechargeNeitherLoadsTwiceNorKeepsTheMoneyWithoutTheValue()
      throws Exception {
    sweep(RECHARGE);
  }

  @Test
  void aKillAnywhereInTheAddedFunctionNeitherInstallsUnpaidNorKeepsTheMoneyWithoutIt()
      throws Exception {
    sweep(ADD);
  }

  /**
   * Killed right after the center recorded the recharge, and the card is gone for good (the
   * customer took it): the restart, without the card, ends the session with the payment standing
   * and the value a pending load at the center, instead of waiting here for that card. The card's
   * next insertion (here at the same branch; any terminal asks the center alike) writes it once.
   */
  @Test
  void aRechargeRecordedWhenTheCardLeftForGoodIsAPendingLoadItsNextInsertionWrites()
      throws Exception {
    Counted counted = COUNTED.get(RECHARGE.name());
    KillPoint point = new KillPoint(CenterCommits.CARDS, counted.atStart(CenterCommits.CARDS) + 1);
    Path run = copyOf(template, "killed-card-gone");
    Weighing before = BEFORE.get(RECHARGE.name());
    CardId card = new CardId(RechargeScenario.CARD);
    try {
      child().killAt(point, RECHARGE.name(), run);
      try (Restart restart = Restart.withCardGone(run, RECHARGE, REVERSAL_DRAIN)) {
        Branch branch = restart.branch();
        Weighing after = restart.after().weighing();
        assertEquals("", restart.after().problems());
        assertEquals(RechargeScenario.AMOUNT, before.customer() - after.customer(), "paid");
        assertEquals(RechargeScenario.AMOUNT, after.issuer() - before.issuer(), "received");
        assertEquals(before.total(), after.total());
        assertEquals(
            RechargeScenario.START_VALUE + RechargeScenario.AMOUNT,
            CardValueScenarios.valueAtCenter(branch, RechargeScenario.CARD),
            "recorded at the center");
        assertEquals(RechargeScenario.START_VALUE, RECHARGE.purse(branch), "not on the chip");
        assertEquals(
            List.of(RechargeScenario.AMOUNT),
            branch.plugin().center().pendingLoads(card).stream()
                .map(l -> l.amount().yen())
                .toList(),
            "a pending load for the card");
        assertEquals(List.of(), branch.plugin().journal().openSessions(), "nothing waits here");

        branch.insertCard(RECHARGE.customer());
        try {
          branch.plugin().run(TicketingPlugin.RESERVE_PAY_ISSUE, new ScriptedCustomer());
        } finally {
          branch.removeCard();
        }
        assertEquals(
            RechargeScenario.START_VALUE + RechargeScenario.AMOUNT,
            RECHARGE.purse(branch),
            "loaded at the card's next insertion");
        assertEquals(List.of(), branch.plugin().center().pendingLoads(card), "reported loaded");
      }
    } finally {
      BranchCopies.delete(run);
    }
  }

  private static void sweep(CrashScenario scenario) throws Exception {
    Counted counted = COUNTED.get(scenario.name());
    List<KillPoint> points = new ArrayList<>();
    for (String point :
        List.of(
            CrashPoints.JOURNAL,
            KillPoints.LINK,
            KillPoints.HOST_LEDGER,
            CenterCommits.CARDS,
            DeviceCommits.PURSE,
            DeviceCommits.CARD_RECORD)) {
      boolean sampled = point.equals(CrashPoints.JOURNAL) || point.equals(KillPoints.LINK);
      long first = counted.atStart(point) + 1;
      for (long n = first; n <= counted.made(point); n++) {
        if (!sampled || (n - first) % EVERY == 0) {
          points.add(new KillPoint(point, n));
        }
      }
    }
    List<String> failures = new ArrayList<>();
    long started = System.nanoTime();
    for (KillPoint point : points) {
      Path run =
          copyOf(template, "killed-" + scenario.name() + "-" + point.point() + "-" + point.n());
      try {
        child().killAt(point, scenario.name(), run);
        List<String> broken = audit(scenario, run, false);
        if (!broken.isEmpty()) {
          failures.add(point + ": " + String.join("; ", broken));
        }
      } catch (Exception | AssertionError e) {
        failures.add(point + ": " + e.getMessage());
      } finally {
        BranchCopies.delete(run);
      }
    }
    System.out.printf(
        "%s crash sweep: %d kill points of %s in %d s, %s%n",
        scenario.name(),
        points.size(),
        counted.made(),
        Duration.ofNanos(System.nanoTime() - started).toSeconds(),
        failures.isEmpty() ? "all invariants held" : failures.size() + " broke");
    assertTrue(points.size() >= 8, "killed at " + points);
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /**
   * Restarts the terminal on {@code dir}, the card in its reader, and names what is broken; {@code
   * whole}: the run was not killed, so the customer paid in full.
   */
  private static List<String> audit(CrashScenario scenario, Path dir, boolean whole)
      throws Exception {
    List<String> broken = new ArrayList<>();
    Weighing before = BEFORE.get(scenario.name());
    try (Restart restart = Restart.on(dir, scenario, REVERSAL_DRAIN)) {
      Branch branch = restart.branch();
      if (!restart.after().problems().isEmpty()) {
        broken.add("restart: " + restart.after().problems());
      }
      Weighing after = restart.after().weighing();
      long lost = before.customer() - after.customer();
      long gained = after.issuer() - before.issuer();
      if (after.total() != before.total()) {
        broken.add("bank total " + before.total() + " -> " + after.total());
      }
      if ((lost != 0 && lost != scenario.expectedLoss()) || (whole && lost == 0)) {
        broken.add("Hanako lost " + lost);
      }
      if (gained != lost) {
        broken.add("Hanako lost " + lost + ", the issuer gained " + gained);
      }
      if (scenario == RECHARGE) {
        long recorded =
            CardValueScenarios.valueAtCenter(branch, RechargeScenario.CARD)
                - RechargeScenario.START_VALUE;
        long loaded = RECHARGE.purse(branch) - RechargeScenario.START_VALUE;
        if (recorded != lost) {
          broken.add("Hanako lost " + lost + ", the center recorded " + recorded + " on the card");
        }
        if (loaded != lost) {
          broken.add("Hanako lost " + lost + ", the card's purse gained " + loaded);
        }
      } else if (ADD.installed(branch) != (lost == AddFunctionScenario.PRICE)) {
        broken.add(
            "Hanako lost " + lost + ", the application on her card: " + ADD.installed(branch));
      }
      List<?> open = branch.plugin().journal().openSessions();
      if (!open.isEmpty()) {
        broken.add("open sessions " + open);
      }
    }
    return broken;
  }

  private static ChildJvm child() {
    return new ChildJvm(work.resolve("children.log"), CHILD_DEADLINE);
  }

  /** A copy of the branch in {@code dir}, with owner-only permissions kept. */
  private static Path copyOf(Path dir, String name) throws IOException {
    return BranchCopies.copy(dir, work.resolve(name));
  }
}
