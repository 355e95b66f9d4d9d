package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.kippu.atm.flow.users.LostCardFlow;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.atm.store.CrashPoints;
import com.kippu.center.CenterCommits;
import com.kippu.devices.DeviceCommits;
import com.kippu.devices.sim.SimulatedCardSlots;
import com.kippu.devices.sim.SimulatedDevices;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lost-card reissue (F9) survives the terminal being killed anywhere in it: a child JVM plays
 * Hanako's lost-card session on a kiosk and is killed with SIGKILL at every durable commit the
 * session makes — every journal entry, the center's loss and reissue ({@link CenterCommits#CARDS}),
 * every record appended to the new card ({@link DeviceCommits#CARD_RECORD}), the value written into
 * its purse ({@link DeviceCommits#PURSE}) — and the kiosk is started again on the same files, its
 * card unit keeping the card that was in its transport. After start-up recovery, and Hanako coming
 * back once if nothing was reissued yet, the audit holds: the lost card was reissued exactly once,
 * onto one new card, which holds exactly the old card's valid tickets, each once, its commuter pass
 * reissued once, its holder record once and the lost card's e-money in its purse once; the other
 * stock card holds nothing; no session is left open; the old card is refused.
 */
class LostCardCrashIntegrationTest {
  static final Branch.Customer LOST = Branch.CUSTOMERS.get(0);
  static final String[] BLANKS = {"KB-20001", "KB-20002"};

  private static final Duration CHILD_DEADLINE = Duration.ofSeconds(120);
  private static final List<String> POINTS =
      List.of(
          CrashPoints.JOURNAL, CenterCommits.CARDS, DeviceCommits.CARD_RECORD, DeviceCommits.PURSE);

  @TempDir static Path work;

  private static Path template;
  private static KillableChild children;
  private static Set<String> validTickets;
  private static String validPass;

  /** The e-money on the lost card, registered with its issuer: it moves to the new card's purse. */
  private static long value;

  private static Map<String, Long> made = new HashMap<>();
  private static Map<String, Long> atStart = new HashMap<>();

  @BeforeAll
  static void seed() throws Exception {
    assumeFalse(
        System.getProperty("os.name").startsWith("Windows"),
        "the test kills its children with SIGKILL, which needs a POSIX system");
    template = work.resolve("template");
    children = new KillableChild(work.resolve("children.log"), CHILD_DEADLINE);
    ByteArrayOutputStream narration = new ByteArrayOutputStream();
    try (Branch branch = kiosk(template)) {
      DemoRun run = new DemoRun(branch, new PrintStream(narration, true, StandardCharsets.UTF_8));
      value = run.purseYen(LOST);
      assertTrue(value > 0, "the lost card carries e-money");
      CardValueScenarios.prepaidCard(branch, LOST.cardId(), value);
      UserScenarios.register(run, LOST, UserScenarios.USER, UserScenarios.USER_PIN);
      validTickets =
          new TreeSet<>(List.of(UserScenarios.buy(run, LOST), UserScenarios.buy(run, LOST)));
      validPass =
          PassPurchases.ontoOwnCard(
                  run,
                  LOST,
                  PassPurchases.keyedIn(
                      UserScenarios.NAME, UserScenarios.PHONE, UserScenarios.ADDRESS))
              .ticketNumber()
              .orElseThrow();
      for (String blank : BLANKS) {
        UserScenarios.blankCard(branch, blank);
      }
      assertEquals(List.of(), run.failures(), narration.toString(StandardCharsets.UTF_8));
    }
    Path uncrashed = copyOf("uncrashed");
    for (String line :
        children.run(CrashPoints.COUNT, LostCardCrashChild.class, uncrashed.toString())) {
      if (line.startsWith(LostCardCrashChild.DONE + " ")) {
        String[] words = line.split(" ");
        assertEquals("COMPLETED", words[1], line);
        for (int i = 2; i < words.length; i++) {
          String[] kv = words[i].split("=");
          if (kv[0].startsWith(LostCardCrashChild.AT_START)) {
            atStart.put(
                kv[0].substring(LostCardCrashChild.AT_START.length()), Long.parseLong(kv[1]));
          } else {
            made.put(kv[0], Long.parseLong(kv[1]));
          }
        }
      }
    }
    assertTrue(made.getOrDefault(CrashPoints.JOURNAL, 0L) > 10, "counted: " + made);
    assertAudit(uncrashed, "uncrashed");
  }

  @Test
  void aKillAnywhereInTheReissueNeitherReissuesTwiceNorLosesAnItem() throws Exception {
    List<String> failures = new ArrayList<>();
    int killed = 0;
    for (String point : POINTS) {
      long first = atStart.getOrDefault(point, 0L) + 1;
      for (long n = first; n <= made.getOrDefault(point, 0L); n++) {
        String at = point + ":" + n;
        Path run = copyOf("killed-" + point + "-" + n);
        try {
          List<String> seen = children.run(at, LostCardCrashChild.class, run.toString());
          if (!seen.contains(CrashPoints.MARKER + " " + point + " " + n)) {
            failures.add(at + ": the child never reached it: " + seen + children.lastErrors());
            continue;
          }
          killed++;
          assertAudit(run, "killed at " + at);
        } catch (AssertionError | Exception e) {
          failures.add(at + ": " + e.getMessage());
        }
      }
    }
    System.out.printf(
        "lost-card crash sweep: %d kill points (%s), %s%n",
        killed, made, failures.isEmpty() ? "all invariants held" : failures.size() + " broke");
    assertTrue(killed >= 20, "killed at " + killed + " points");
    assertTrue(failures.isEmpty(), String.join("\n", failures));
  }

  /** The audit bites: a ticket record written twice onto the new card is named. */
  @Test
  void theAuditNamesATicketWrittenTwice() throws Exception {
    Path planted = BranchCopies.copy(work.resolve("uncrashed"), work.resolve("planted"));
    SimulatedCardSlots.Slot slot =
        SimulatedCardSlots.slot(
            SimulatedDevices.unitName(Branch.TERMINAL_ID, SimulatedDevices.IC_CARD));
    slot.forget();
    slot.remove();
    try (Branch branch = kiosk(planted)) {
      String onto = reissuedOnto(planted).get(0);
      branch.slot().insert(UserScenarios.blankCard(branch, onto));
      try {
        var card = branch.plugin().card();
        var id = card.readChip().cardId();
        List<byte[]> raw = card.readRecords();
        var ticket =
            com.kippu.atm.card.TicketCard.tickets(branch.plugin().tickets().read(card, id)).get(0);
        card.append(
            new com.kippu.atm.card.CardRecordCodec(new java.security.SecureRandom())
                .seal(
                    branch.plugin().tickets().unlock(card, id),
                    raw,
                    com.kippu.atm.card.RecordType.TICKET,
                    com.kippu.atm.card.TicketCard.encode(ticket)));
      } finally {
        branch.slot().remove();
      }
    }
    AssertionError named =
        org.junit.jupiter.api.Assertions.assertThrows(
            AssertionError.class, () -> assertAudit(planted, "planted"));
    assertTrue(named.getMessage().contains("no ticket written twice"), named.getMessage());
  }

  /**
   * Restarts the kiosk on {@code dir} (recovery at start), brings Hanako back once if her card was
   * not reissued yet, and checks every invariant.
   */
  private static void assertAudit(Path dir, String what) throws Exception {
    SimulatedCardSlots.Slot slot =
        SimulatedCardSlots.slot(
            SimulatedDevices.unitName(Branch.TERMINAL_ID, SimulatedDevices.IC_CARD));
    slot.forget();
    slot.remove();
    slot.unloadStocker();
    // Whoever stands at the kiosk when it comes back takes a card it presents.
    slot.whenPresented(s -> s.remove());
    ByteArrayOutputStream narration = new ByteArrayOutputStream();
    try (Branch branch = kiosk(dir)) {
      DemoRun run = new DemoRun(branch, new PrintStream(narration, true, StandardCharsets.UTF_8));
      String log = what + ":\n" + narration.toString(StandardCharsets.UTF_8);
      assertTrue(slot.card().isEmpty(), what + ": the transport is empty after recovery");
      assertEquals(List.of(), openLostCardSessions(branch), what + ": open sessions");
      if (reissuedOnto(dir).isEmpty()) {
        // Hanako comes back: the loss may stand or not; the contents are reissued now.
        List<Path> unused = new ArrayList<>();
        for (String blank : BLANKS) {
          if (ticketRecords(run, blank) == 0 && !captured(slot, branch, blank)) {
            unused.add(UserScenarios.blankCard(branch, blank));
          }
        }
        branch.slot().loadStocker(unused);
        branch.slot().whenPresented(s -> s.remove());
        SessionOutcome again =
            UserScenarios.lostCardSession(
                run, UserScenarios.USER, UserScenarios.USER_PIN, LOST.cardId());
        assertEquals(
            SessionOutcome.Result.COMPLETED,
            again.result(),
            log + "\nHanako's second visit: " + again.detail());
      }
      List<String> onto = reissuedOnto(dir);
      assertEquals(1, onto.size(), what + ": reissued exactly once " + onto);
      Map<String, String> replaced = replacements(dir);
      assertEquals(
          validTickets, new TreeSet<>(replaced.values()), what + ": every valid ticket replaced");
      assertEquals(validTickets.size(), replaced.size(), what + ": each replaced once");
      assertEquals(1, passReplacements(dir), what + ": the pass replaced once");
      for (String blank : BLANKS) {
        UserScenarios.CardView card =
            UserScenarios.view(run, UserScenarios.blankCard(branch, blank));
        if (blank.equals(onto.get(0))) {
          assertEquals(
              new TreeSet<>(replaced.keySet()),
              new TreeSet<>(card.tickets()),
              what + ": the new card holds exactly the reissued tickets");
          assertEquals(
              new TreeSet<>(card.tickets()).size(),
              card.ticketRecords(),
              what + ": no ticket written twice");
          assertEquals(validTickets, card.reissueOf(), what + ": they replace the valid ones");
          assertEquals(
              List.of(validPass), card.passReissueOf(), what + ": the pass reissued onto it once");
          assertTrue(card.passesValid(), what + ": the reissued pass is signed for the new card");
          assertTrue(card.holder().isPresent(), what + ": the new card names its holder");
          assertEquals(
              1, holderRecords(run, blank), what + ": the holder record is on the new card once");
          assertEquals(
              value,
              UserScenarios.purseOf(UserScenarios.blankCard(branch, blank)),
              what + ": the new card's purse holds the lost card's value, loaded once");
          assertEquals(
              value,
              CardValueScenarios.valueAtCenter(branch, blank),
              what + ": the issuer's ledger moved the value onto the new card");
        } else {
          assertEquals(0, card.ticketRecords(), what + ": " + blank + " holds no ticket");
          assertEquals(
              0,
              UserScenarios.purseOf(UserScenarios.blankCard(branch, blank)),
              what + ": " + blank + " holds no e-money");
          assertEquals(List.of(), card.passReissueOf(), what + ": " + blank + " holds no pass");
        }
      }
      assertEquals(List.of(), openLostCardSessions(branch), what + ": open sessions at the end");
      assertTrue(lost(dir), what + ": the old card is reported lost");
    }
  }

  private static Branch kiosk(Path dir) throws Exception {
    return Branch.open(
        dir,
        Clock.systemUTC(),
        Branch.TERMINAL_ID,
        Branch.PRESENT_TIMEOUT,
        TerminalProfile.Kind.KIOSK);
  }

  private static boolean captured(SimulatedCardSlots.Slot slot, Branch branch, String blank)
      throws Exception {
    return slot.capturedCards().contains(UserScenarios.blankCard(branch, blank).toAbsolutePath());
  }

  private static int ticketRecords(DemoRun run, String blank) throws Exception {
    return UserScenarios.view(run, UserScenarios.blankCard(run.branch(), blank)).ticketRecords();
  }

  private static long holderRecords(DemoRun run, String blank) throws Exception {
    Branch branch = run.branch();
    branch.slot().insert(UserScenarios.blankCard(branch, blank));
    try {
      var card = branch.plugin().card();
      return branch.plugin().tickets().read(card, card.readChip().cardId()).stream()
          .filter(r -> r.type() == com.kippu.atm.card.RecordType.HOLDER)
          .count();
    } finally {
      branch.slot().remove();
    }
  }

  private static List<SessionId> openLostCardSessions(Branch branch) {
    List<SessionId> open = new ArrayList<>();
    for (SessionId id : branch.plugin().journal().openSessions()) {
      List<JournalEntry> entries = branch.plugin().journal().entries(id);
      if (entries.get(entries.size() - 1).flow().equals(LostCardFlow.NAME)) {
        open.add(id);
      }
    }
    return open;
  }

  private static List<String> reissuedOnto(Path dir) throws Exception {
    List<String> cards = new ArrayList<>();
    try (Connection c = center(dir);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT new_card_id FROM card_reissue WHERE lost_card_id = '"
                    + LOST.cardId()
                    + "'")) {
      while (rs.next()) {
        cards.add(rs.getString(1));
      }
    }
    return cards;
  }

  /** The reissued tickets of the lost card's tickets: new ticket → the one it replaces. */
  private static Map<String, String> replacements(Path dir) throws Exception {
    Map<String, String> replaced = new HashMap<>();
    try (Connection c = center(dir);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT rt.ticket_number, rt.replaces_ticket_number FROM reissued_ticket rt"
                    + " JOIN ticket t ON t.ticket_number = rt.replaces_ticket_number"
                    + " WHERE t.card_id = '"
                    + LOST.cardId()
                    + "'")) {
      while (rs.next()) {
        replaced.put(rs.getString(1), rs.getString(2));
      }
    }
    return replaced;
  }

  /** How many passes replace the lost card's pass. */
  private static int passReplacements(Path dir) throws Exception {
    try (Connection c = center(dir);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM reissued_pass rp"
                    + " JOIN pass_sale p ON p.pass_number = rp.replaces_pass_number"
                    + " WHERE p.card_id = '"
                    + LOST.cardId()
                    + "'")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  private static boolean lost(Path dir) throws Exception {
    try (Connection c = center(dir);
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT COUNT(*) FROM lost_card WHERE card_id = '" + LOST.cardId() + "'")) {
      rs.next();
      return rs.getInt(1) == 1;
    }
  }

  private static Connection center(Path dir) throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("issuer-center.db"));
  }

  /** A copy of the seeded branch to run one child on. */
  private static Path copyOf(String name) throws IOException {
    return BranchCopies.copy(template, work.resolve(name));
  }
}
