package com.kippu.simulator;

import com.kippu.atm.bank.BankRouter;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.devices.sim.SimulatedCardSlots;
import com.kippu.devices.sim.SimulatedDevices;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a kiosk purchase (F7) left after the kiosk was killed and started again on its files, each
 * broken rule named: money neither created nor destroyed (the credit card charged the price exactly
 * when the center sold the item, else nothing), the seat or pass sold at most once and onto a card
 * fed from the stocker, the card holding exactly what the center sold onto it, every blank card in
 * the stocker, the capture bin or the customer's hand (never lost from the count, never both),
 * nothing left in the transport, no session left open, the issuer's outbox holding the sale exactly
 * once when sold, and, when a signed-in user bought it, the card listed under the user once.
 */
final class KioskPurchaseAudit {
  /** Far beyond one request timeout (5 s) for the reversals the link sends right after connect. */
  private static final Duration REVERSAL_DRAIN = Duration.ofSeconds(30);

  private KioskPurchaseAudit() {}

  /** The sale the center made: the ticket or pass number and the card it was sold onto. */
  record Sale(String number, String cardId) {}

  /**
   * Starts the kiosk on {@code dir} (start-up recovery runs), lets the link drain its reversals and
   * returns every broken rule of {@code scenario}, whose credit card held {@code creditBefore}.
   *
   * @param price what the scenario's item costs, as the uncrashed run paid it
   */
  static List<String> violations(Path dir, String scenario, long creditBefore, long price)
      throws Exception {
    SimulatedCardSlots.Slot slot =
        SimulatedCardSlots.slot(
            SimulatedDevices.unitName(Branch.TERMINAL_ID, SimulatedDevices.IC_CARD));
    slot.forget();
    slot.remove();
    slot.unloadStocker();
    slot.whenPresented(null);
    List<String> broken = new ArrayList<>();
    try (Branch branch = KioskPurchaseCrashChild.kiosk(dir)) {
      var bank = branch.plugin().bank();
      boolean drained =
          bank instanceof BankRouter router
              ? router.awaitNoPendingReversals(REVERSAL_DRAIN)
              : ((JposBankHost) bank).awaitNoPendingReversals(REVERSAL_DRAIN);
      if (!drained) {
        broken.add("reversals still pending after " + REVERSAL_DRAIN);
      }
      if (slot.card().isPresent()) {
        broken.add("a card is left in the transport: " + slot.card().get());
      }
      for (SessionId open : branch.plugin().journal().openSessions()) {
        List<JournalEntry> entries = branch.plugin().journal().entries(open);
        broken.add(
            "session "
                + open
                + " left open at "
                + entries.get(entries.size() - 1).state()
                + " ("
                + entries.get(entries.size() - 1).flow()
                + ")");
      }
      Optional<Sale> sale = sale(dir, scenario, broken);
      long loss =
          creditBefore - branch.network().available(KioskPurchaseCrashChild.credit().number());
      long expected = sale.isPresent() ? price : 0;
      if (loss != expected) {
        broken.add(
            "money: the credit card lost "
                + loss
                + " yen, the center "
                + (sale.isPresent() ? "sold " + sale.get().number() : "sold nothing"));
      }
      cards(branch, dir, slot, sale, broken);
      // The center feeds its sales into the outbox as it delivers it.
      branch.center().deliverOutbox();
      outbox(dir, scenario, sale, broken);
      if (scenario.equals(KioskPurchaseCrashChild.CONCERT) && sale.isPresent()) {
        List<String> users = usersOf(dir, sale.get().cardId());
        if (!users.equals(List.of(UserScenarios.USER))) {
          broken.add(
              "card "
                  + sale.get().cardId()
                  + " bought by a signed-in user is listed under "
                  + users
                  + ", not once under "
                  + UserScenarios.USER);
        }
      }
    }
    return broken;
  }

  /**
   * Every blank card of the stocker is in exactly one place: taken by the customer, captured into
   * the bin, or still untouched (no face, no record; so back in the stocker); a card holds a ticket
   * or pass only when the center sold it onto that card, and a card handed out holds it.
   */
  private static void cards(
      Branch branch, Path dir, SimulatedCardSlots.Slot slot, Optional<Sale> sale, List<String> b)
      throws Exception {
    DemoRun run = new DemoRun(branch, new PrintStream(OutputStream.nullOutputStream()));
    Set<Path> handedOut = new HashSet<>();
    Path taken = dir.resolve(KioskPurchaseCrashChild.HANDED_OUT);
    if (Files.exists(taken)) {
      for (String line : Files.readAllLines(taken)) {
        if (!handedOut.add(Path.of(line))) {
          b.add("card " + line + " handed out twice");
        }
      }
    }
    Set<Path> captured = new HashSet<>();
    for (Path p : slot.capturedCards()) {
      if (p.startsWith(dir.toAbsolutePath())) {
        captured.add(p);
      }
    }
    boolean soldOntoAStockCard = false;
    for (String blank : KioskPurchaseCrashIntegrationTest.BLANKS) {
      Path file = UserScenarios.blankCard(branch, blank).toAbsolutePath();
      boolean out = handedOut.contains(file);
      boolean inBin = captured.contains(file);
      UserScenarios.CardView view = UserScenarios.view(run, file);
      List<String> items = new ArrayList<>(view.tickets());
      int records = view.ticketRecords() + view.passReissueOf().size();
      boolean touched =
          records > 0 || Files.exists(file.resolveSibling(file.getFileName() + ".face.png"));
      if (out && inBin) {
        b.add("card " + blank + " both handed out and captured");
      }
      if (touched && !out && !inBin) {
        b.add("card " + blank + " was fed and is neither handed out nor captured: lost");
      }
      boolean soldOnto = sale.isPresent() && sale.get().cardId().equals(blank);
      soldOntoAStockCard |= soldOnto;
      if (records > 1) {
        b.add("card " + blank + " holds " + records + " tickets or passes");
      }
      if (records > 0 && !soldOnto) {
        b.add(
            "card " + blank + " holds " + items + view.passReissueOf() + " the center never sold");
      }
      if (soldOnto && out && records != 1) {
        b.add("card " + blank + " was handed out without " + sale.get().number());
      }
      if (soldOnto && !out && !inBin) {
        b.add("card " + blank + " was sold onto and is still in the stocker");
      }
      if (soldOnto && !items.isEmpty() && !items.equals(List.of(sale.get().number()))) {
        b.add("card " + blank + " holds " + items + ", the center sold " + sale.get().number());
      }
    }
    if (sale.isPresent() && !soldOntoAStockCard) {
      b.add(sale.get().number() + " was sold onto " + sale.get().cardId() + ", no stocker card");
    }
  }

  /** The center's sale of the scenario's item, at most one. */
  private static Optional<Sale> sale(Path dir, String scenario, List<String> broken)
      throws Exception {
    String sql =
        scenario.equals(KioskPurchaseCrashChild.CONCERT)
            ? "SELECT t.ticket_number, t.card_id FROM ticket_seat s"
                + " JOIN ticket t ON t.ticket_number = s.ticket_number"
                + " WHERE s.event_id = '"
                + KioskIssuers.CONCERT
                + "' AND s.seat_id = '"
                + KioskPurchaseCrashChild.SEAT
                + "'"
            : "SELECT pass_number, card_id FROM pass_sale WHERE terminal_id = '"
                + Branch.TERMINAL_ID
                + "'";
    List<Sale> sales = new ArrayList<>();
    try (Connection c = center(dir);
        PreparedStatement ps = c.prepareStatement(sql);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        sales.add(new Sale(rs.getString(1), rs.getString(2)));
      }
    }
    if (sales.size() > 1) {
      broken.add("sold " + sales.size() + " times: " + sales);
    }
    return sales.stream().findFirst();
  }

  /** The issuer's outbox holds the sale once when sold. */
  private static void outbox(Path dir, String scenario, Optional<Sale> sale, List<String> broken)
      throws Exception {
    String issuer =
        scenario.equals(KioskPurchaseCrashChild.CONCERT)
            ? KioskIssuers.PROMOTER
            : KioskIssuers.RAILWAY;
    int records = 0;
    try (Connection c = center(dir);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT payload FROM outbox WHERE issuer_id = ? AND message_type = 'SALE'")) {
      ps.setString(1, issuer);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          String payload = new String(rs.getBytes(1), java.nio.charset.StandardCharsets.UTF_8);
          if (sale.isEmpty() || payload.contains("\"" + sale.get().number() + "\"")) {
            records++;
          }
        }
      }
    }
    int expected = sale.isPresent() ? 1 : 0;
    if (records != expected) {
      broken.add(
          "the " + issuer + " outbox holds " + records + " sale records, expected " + expected);
    }
  }

  /** The users {@code cardId} is listed under at the center. */
  static List<String> usersOf(Path dir, String cardId) throws Exception {
    List<String> users = new ArrayList<>();
    try (Connection c = center(dir);
        PreparedStatement ps =
            c.prepareStatement("SELECT user_id FROM user_card WHERE card_id = ?")) {
      ps.setString(1, cardId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          users.add(rs.getString(1));
        }
      }
    }
    return users;
  }

  private static Connection center(Path dir) throws Exception {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("issuer-center.db"));
  }
}
