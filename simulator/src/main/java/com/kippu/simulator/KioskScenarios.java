package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.Seat;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.sim.SimulatedCardSlots;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import javax.imageio.ImageIO;

/**
 * The card-issuing kiosk of S2 (flow F7, Fig. 4-5): a card type chosen, browsed down its hierarchy,
 * paid, then a card from the stocker printed, written and handed out, with the sale recorded for
 * the issuer. Each scenario checks money, seats, the card's content, the stocker's counts, the
 * journal and the issuer's outbox, and copies the card face the printer made to {@code
 * card-face-<card id>.png} in the scenario's directory.
 */
final class KioskScenarios {
  private static final ObjectMapper JSON = new ObjectMapper();

  private KioskScenarios() {}

  static List<DemoScenario> all() {
    return List.of(
        new ConcertCard(),
        new CommuterPass(),
        new PrepaidCard(),
        new PrepaidUnactivatedRefused(),
        new StockerEmpty(),
        new FacePrintFailed(),
        new CardNotTaken());
  }

  /** A scenario on a kiosk. */
  private abstract static class OnKiosk implements DemoScenario {
    @Override
    public TerminalProfile.Kind kind() {
      return TerminalProfile.Kind.KIOSK;
    }
  }

  /**
   * S2 ¶22-25 (Fig. 4): a concert ticket on a new card, paid in cash with change; the card face
   * printed with the concert's art and its Japanese text, the ticket written, the card taken.
   */
  static final class ConcertCard extends OnKiosk {
    @Override
    public String name() {
      return "kiosk-concert-card";
    }

    @Override
    public String title() {
      return "F7: a concert on a new card from the stocker (genre, artist, date/venue, seat), paid"
          + " in cash; face printed with art and Japanese text, ticket written, card taken";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      EventId concert = new EventId(KioskIssuers.CONCERT);
      Seat seat = seat(run, concert, "S-5-2"); // the seed's 深田聖子のコンサート … S-502
      long price = seat.price().yen();
      CashCounts notes = CashCounts.of(Denomination.NOTE_10000, 1);
      Stock before = Stock.of(branch);
      long promoterBefore = run.balance(KioskIssuers.PROMOTER_ACCOUNT);
      Taken taken = new Taken();
      SessionOutcome bought =
          session(
              run,
              run.customer()
                  .on("choose-card-type", "EVENT_TICKET")
                  .on("select-genre", "コンサート")
                  .on("select-artist", "深田聖子")
                  .on("select-date-venue", concert.value())
                  .on("select-seat", seat.seatId().value())
                  .on("confirm-purchase", "confirm")
                  .on("choose-card", "new")
                  .on("choose-payment", "cash")
                  .on("insert-cash", inserting(run, notes)),
              taken);
      run.check(
          bought.result() == SessionOutcome.Result.COMPLETED,
          "session completed: " + bought.result() + " " + bought.detail());
      CashCounts change = branch.cashSlot().takeDispensed();
      run.check(
          change.total() == notes.total() - price,
          "change of " + (notes.total() - price) + " yen returned (" + change.total() + ")");
      run.check(
          run.balance(KioskIssuers.PROMOTER_ACCOUNT) == promoterBefore + price,
          "the promoter's account credited once with " + price + " yen (the quoted payee)");
      run.check(run.status(concert, seat) == Seat.Status.SOLD, "seat " + seat.seatId() + " sold");
      Stock after = Stock.of(branch);
      run.check(
          after.blanks() == before.blanks() - 1
              && after.captured() == before.captured()
              && after.timeouts() == before.timeouts(),
          "stocker: one blank card used ("
              + before.blanks()
              + " -> "
              + after.blanks()
              + "), none captured");
      Path card = taken.card().orElse(null);
      run.check(card != null, "the customer took the new card: " + card);
      if (card == null) {
        return;
      }
      String cardId = cardId(card);
      List<JournalEntry> journal = journal(run, bought);
      run.check(
          index(journal, "pay.done") >= 0
              && index(journal, "pay.done") < index(journal, "take-card.begin")
              && index(journal, "take-card.begin") < index(journal, "print-face.done")
              && index(journal, "print-face.done") < index(journal, "buy-ticket.done")
              && index(journal, "buy-ticket.done") < index(journal, "eject-card.done"),
          "journal: paid, then the card fed, printed, sold onto, handed out");
      JournalEntry last = journal.get(journal.size() - 1);
      run.check(
          "COMPLETED".equals(last.state())
              && cardId.equals(last.facts().get("card"))
              && "true".equals(last.facts().get("kiosk.cardTaken"))
              && "stocker".equals(last.facts().get("kiosk.cardSource")),
          "journal: COMPLETED, card " + cardId + " from the stocker, taken");
      run.writeCardView(card, cardId, true);
      faceShowsArt(run, face(run, card, cardId), KioskIssuers.concertArt());
      List<JsonNode> sales = outbox(run, KioskIssuers.PROMOTER);
      run.check(
          sales.stream()
              .anyMatch(
                  m ->
                      m.path("ticketNumber").asText().equals(bought.ticketNumber().orElse("-"))
                          && m.path("cardId").asText().equals(cardId)
                          && m.path("amountYen").asLong() == price
                          && "CASH".equals(m.path("paymentMethod").asText())),
          "the promoter's outbox holds the sale of ticket "
              + bought.ticketNumber().orElse("-")
              + " onto "
              + cardId);
      String receipt = run.latestReceipt().map(ReservationScenarios::read).orElse("");
      run.check(
          receipt.contains("TICKET WRITTEN TO IC CARD " + cardId),
          "receipt names the new card " + cardId);
    }
  }

  /**
   * S2 ¶26-29 (Fig. 5): a commuter pass on a new card, paid by credit card; the holder keyed in
   * (name in Japanese, phone, address), the fare from the railway's published fares, the holder's
   * details in the railway's sales record and nowhere in the terminal's journal.
   */
  static final class CommuterPass extends OnKiosk {
    static final String NAME = "佐藤 花子";
    static final String PHONE = "045-123-4567";
    static final String ADDRESS = "神奈川県横浜市西区みなとみらい1-1-1";

    @Override
    public String name() {
      return "kiosk-commuter-pass";
    }

    @Override
    public String title() {
      return "F7: a commuter pass (railway, line, stations, period; holder keyed in) on a new card,"
          + " paid by credit card; the railway's fare, its sales record with the holder";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      BranchCards.PaymentCard credit =
          BranchCards.of(hanako, com.kippu.atm.payment.AuthorizationRequest.Kind.CREDIT);
      long fare = 13_790; // the railway's published adult fare, 品川⇔横浜 1 month
      long creditBefore = branch.network().available(credit.number());
      long railwayBefore = run.balance(KioskIssuers.RAILWAY_ACCOUNT);
      Stock before = Stock.of(branch);
      Taken taken = new Taken();
      ScriptedCustomer script =
          run.customer()
              .on("choose-card-type", "COMMUTER_PASS")
              .on("select-railway", KioskIssuers.RAILWAY)
              .on("select-line", "京浜本線")
              .on("select-stations", "品川-横浜")
              .on("select-period", KioskIssuers.PASS_1M)
              .on("enter-holder-name", screen -> Answer.entered(NAME))
              .on("enter-holder-phone", screen -> Answer.entered(PHONE))
              .on("enter-holder-address", screen -> Answer.entered(ADDRESS))
              .on("choose-fare-class", "ADULT")
              .on("choose-first-day", "today")
              .on("confirm-purchase", "confirm")
              .on("choose-card", "new")
              .on("choose-payment", "credit")
              .on(
                  "swipe-card",
                  screen -> {
                    BranchCards.swipeAtNextRead(branch, credit);
                    return Answer.cancel();
                  });
      SessionOutcome bought = session(run, script, taken);
      run.check(
          bought.result() == SessionOutcome.Result.COMPLETED,
          "session completed: " + bought.result() + " " + bought.detail());
      String passNumber = bought.ticketNumber().orElse("-");
      run.check(
          creditBefore - branch.network().available(credit.number()) == fare,
          "credit card charged the railway's fare once: " + fare + " yen");
      run.check(
          run.balance(KioskIssuers.RAILWAY_ACCOUNT) == railwayBefore,
          "the railway's bank account untouched: the card company pays the operator (S2 ¶29)");
      Stock after = Stock.of(branch);
      run.check(
          after.blanks() == before.blanks() - 1 && after.captured() == before.captured(),
          "stocker: one blank card used, none captured");
      Path card = taken.card().orElse(null);
      run.check(card != null, "the customer took the new card: " + card);
      if (card == null) {
        return;
      }
      String cardId = cardId(card);
      Path view = run.writeCardView(card, cardId, false);
      String decoded = Files.readString(view);
      run.check(
          decoded.contains("Commuter pass " + passNumber)
              && decoded.contains("holder " + NAME)
              && decoded.contains("京浜本線 品川 - 横浜")
              && decoded.contains("signature VALID"),
          "the card holds pass " + passNumber + " for " + NAME + ", signed by the railway");
      face(run, card, cardId);
      List<JournalEntry> journal = journal(run, bought);
      String journaled = journal.toString();
      run.check(
          !journaled.contains(NAME) && !journaled.contains(PHONE) && !journaled.contains("横浜市"),
          "journal: the holder's name, phone and address are nowhere in it");
      JournalEntry last = journal.get(journal.size() - 1);
      run.check(
          "COMPLETED".equals(last.state())
              && passNumber.equals(last.facts().get("sold"))
              && "true".equals(last.facts().get("kiosk.passOnCard")),
          "journal: COMPLETED, pass " + passNumber + " on card " + cardId);
      List<JsonNode> sales = outbox(run, KioskIssuers.RAILWAY);
      run.check(
          sales.stream()
              .anyMatch(
                  m ->
                      "COMMUTER_PASS".equals(m.path("saleKind").asText())
                          && passNumber.equals(m.path("passNumber").asText())
                          && NAME.equals(m.path("holder").path("name").asText())
                          && PHONE.equals(m.path("holder").path("phone").asText())
                          && ADDRESS.equals(m.path("holder").path("address").asText())
                          && m.path("amountYen").asLong() == fare
                          && "OPERATOR".equals(m.path("receivedBy").asText())),
          "the railway's outbox holds the sale with the holder's name, phone and address");
      String receipt = run.latestReceipt().map(ReservationScenarios::read).orElse("");
      run.check(
          receipt.contains("PASS " + passNumber) && receipt.contains("PASS WRITTEN TO IC CARD"),
          "receipt names the pass and the card");
    }
  }

  /**
   * S2 ¶41-43 (F10): a pre-valued prepaid card bought in cash. Only once paid is it fed from its
   * hopper; its id is read and checked with the issuer, its face printed, and the issuer activates
   * it; then its value pays for a concert at the same kiosk, onto the same card.
   */
  static final class PrepaidCard extends OnKiosk {
    @Override
    public String name() {
      return "kiosk-prepaid-card";
    }

    @Override
    public String title() {
      return "F7/F10: a pre-valued prepaid card bought in cash, its id read at issuance and"
          + " activated by its issuer; its value then pays for a concert written onto it";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      int hopperBefore = branch.slot().cardsInHopper(KioskStock.PREPAID_HOPPER);
      int blanksBefore = branch.slot().blanksInStocker();
      long issuerBefore = run.balance(KioskIssuers.PREPAID_ACCOUNT);
      String first = KioskIssuers.PREPAID_CARDS.get(0);
      run.check(
          issuerStatus(run, first).equals("NOT_ACTIVATED")
              && !issuerActivated(run, first)
              && !centerActive(run, first),
          "the issuer's server has " + first + " NOT_ACTIVATED; the center: not active yet");
      Taken taken = new Taken();
      SessionOutcome bought =
          session(
              run,
              run.customer()
                  .on("choose-card-type", "PREPAID")
                  .on("select-prepaid", KioskIssuers.PREPAID_10000)
                  .on("confirm-purchase", "confirm")
                  .on("choose-card", "new")
                  .on("choose-payment", "cash")
                  .on(
                      "insert-cash",
                      inserting(
                          run,
                          CashCounts.of(
                              Denomination.NOTE_10000,
                              (int) (KioskIssuers.PREPAID_PRICE / 10_000)))),
              taken);
      run.check(
          bought.result() == SessionOutcome.Result.COMPLETED,
          "session completed: " + bought.result() + " " + bought.detail());
      run.check(
          run.balance(KioskIssuers.PREPAID_ACCOUNT) == issuerBefore + KioskIssuers.PREPAID_PRICE,
          "the prepaid issuer's account credited once with " + KioskIssuers.PREPAID_PRICE);
      run.check(
          branch.slot().cardsInHopper(KioskStock.PREPAID_HOPPER) == hopperBefore - 1
              && branch.slot().blanksInStocker() == blanksBefore,
          "stocker: one pre-valued card from its hopper, no blank card used");
      Path card = taken.card().orElse(null);
      run.check(card != null, "the customer took the card: " + card);
      if (card == null) {
        return;
      }
      String cardId = cardId(card);
      run.check(
          cardId.equals(first) && issuerActivated(run, cardId) && centerActive(run, cardId),
          "the issuer's server activated "
              + cardId
              + " (its id read from the card at issuance), holds it ACTIVE and has the sale record;"
              + " the center holds it ACTIVE");
      run.check(
          purseYen(card) == KioskIssuers.PREPAID_VALUE,
          "the card carries its value of " + KioskIssuers.PREPAID_VALUE + " yen from its maker");
      List<JournalEntry> journal = journal(run, bought);
      run.check(
          index(journal, "pay.done") < index(journal, "take-card.begin")
              && index(journal, "take-card.done") < index(journal, "activate-card.begin")
              && cardId.equals(journal.get(journal.size() - 1).facts().get("sold")),
          "journal: paid, then the card fed and read, then activated");
      face(run, card, cardId);
      List<JsonNode> records = outbox(run, KioskIssuers.PREPAID_ISSUER);
      run.check(
          records.stream()
              .anyMatch(
                  m ->
                      "ACTIVATION".equals(m.path("saleKind").asText())
                          && cardId.equals(m.path("cardId").asText())
                          && m.path("amountYen").asLong() == KioskIssuers.PREPAID_PRICE
                          && m.path("valueAfterYen").asLong() == KioskIssuers.PREPAID_VALUE),
          "the prepaid issuer's outbox holds the activation of " + cardId);

      run.out().println("  [card] " + cardId + " inserted again, to pay with its value");
      EventId concert = new EventId(KioskIssuers.CONCERT);
      Seat seat = seat(run, concert, "A-1-1");
      branch.slot().insert(card);
      Taken again = new Taken();
      SessionOutcome paid =
          session(
              run,
              run.customer()
                  .on("choose-card-type", "EVENT_TICKET")
                  .on("select-genre", "コンサート")
                  .on("select-artist", "深田聖子")
                  .on("select-date-venue", concert.value())
                  .on("select-seat", seat.seatId().value())
                  .on("confirm-purchase", "confirm")
                  .on("choose-card", "own")
                  .on("choose-payment", "emoney"),
              again);
      run.check(
          paid.result() == SessionOutcome.Result.COMPLETED,
          "its value paid for a concert: " + paid.result() + " " + paid.detail());
      run.check(
          purseYen(card) == KioskIssuers.PREPAID_VALUE - seat.price().yen(),
          "the purse paid " + seat.price() + " once");
      run.check(run.status(concert, seat) == Seat.Status.SOLD, "seat " + seat.seatId() + " sold");
      run.writeCardView(card, cardId, true);
    }
  }

  /**
   * S2 ¶42-43: a pre-valued card stolen on its way to a shop was never sold, so never activated:
   * worthless. Its value is refused at the kiosk before its purse is touched, and the center
   * refuses it as a purse, as a card to sell onto, to recharge and to activate itself.
   */
  static final class PrepaidUnactivatedRefused extends OnKiosk {
    @Override
    public String name() {
      return "prepaid-unactivated-refused";
    }

    @Override
    public String title() {
      return "F10: a pre-valued card never activated (stolen in distribution) pays nothing at the"
          + " kiosk and the center sells nothing onto it, recharges nor activates it with itself";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      String stolen = "PV-00091";
      Path card =
          KioskStock.preValued(
              branch, branch.dir().resolve("cards").resolve(stolen + ".card"), stolen);
      run.check(
          !issuerActivated(run, stolen)
              && !centerActive(run, stolen)
              && purseYen(card) == KioskIssuers.PREPAID_VALUE,
          "card "
              + stolen
              + " carries "
              + KioskIssuers.PREPAID_VALUE
              + " yen on its chip; neither its issuer's server nor the center has it active");
      EventId concert = new EventId(KioskIssuers.CONCERT);
      Seat seat = seat(run, concert, "A-1-1");
      run.out().println("  [card] " + stolen + " inserted by someone who never bought it");
      branch.slot().insert(card);
      ScriptedCustomer script =
          run.customer()
              .on("choose-card-type", "EVENT_TICKET")
              .on("select-genre", "コンサート")
              .on("select-artist", "深田聖子")
              .on("select-date-venue", concert.value())
              .on("select-seat", seat.seatId().value())
              .on("confirm-purchase", "confirm")
              .on("choose-card", "own")
              .on("choose-payment", "emoney");
      SessionOutcome refused = session(run, script, new Taken());
      branch.removeCard();
      run.check(
          refused.result() == SessionOutcome.Result.CANCELLED,
          "the session ends without a sale: " + refused.result());
      run.check(
          script.transcript().stream()
              .anyMatch(
                  s -> s.id().equals("payment-declined") && s.lines().toString().contains("有効化")),
          "the customer is told the card was never activated");
      run.check(
          purseYen(card) == KioskIssuers.PREPAID_VALUE,
          "its purse untouched: " + KioskIssuers.PREPAID_VALUE + " yen");
      run.check(
          run.status(concert, seat) == Seat.Status.AVAILABLE, "seat " + seat.seatId() + " free");
      List<JournalEntry> journal = journal(run, refused);
      run.check(
          journal.stream()
              .anyMatch(
                  e ->
                      e.state().equals("pay.refused")
                          && e.facts().getOrDefault("reason", "").contains("CARD_NOT_ACTIVATED")),
          "journal: the e-money payment refused before anything was asked of the purse");

      // What a terminal that skipped the check would meet at the center.
      DemoRun.Answered purse =
          call(
              run, "/v1/purchases", purchase(stolen, seat, purseProof(stolen, seat.price().yen())));
      run.check(
          purse.status() == 409 && "CARD_NOT_ACTIVE".equals(purse.error()),
          "center: its purse buys nothing (" + purse.status() + " " + purse.error() + ")");
      DemoRun.Answered onto =
          call(run, "/v1/purchases", purchase(stolen, seat, transferProof(seat.price().yen())));
      run.check(
          onto.status() == 409 && "CARD_NOT_ACTIVE".equals(onto.error()),
          "center: no ticket is sold onto it (" + onto.status() + " " + onto.error() + ")");
      run.check(
          run.status(concert, seat) == Seat.Status.AVAILABLE,
          "the seat the refused sales held is free again");
      DemoRun.Answered recharge =
          call(
              run,
              "/v1/prepaid-cards/" + stolen + "/recharge",
              JSON.createObjectNode().set("payment", transferProof(5_000)));
      run.check(
          recharge.status() == 409 && "CARD_NOT_ACTIVE".equals(recharge.error()),
          "center: it cannot be recharged (" + recharge.status() + " " + recharge.error() + ")");
      DemoRun.Answered self =
          call(
              run,
              "/v1/prepaid-cards/" + stolen + "/activate",
              JSON.createObjectNode()
                  .set("payment", purseProof(stolen, KioskIssuers.PREPAID_PRICE)));
      run.check(
          self.status() == 409 && "CARD_NOT_ACTIVE".equals(self.error()),
          "center: its own value cannot activate it (" + self.status() + " " + self.error() + ")");
      ObjectNode pass =
          JSON.createObjectNode()
              .put("requestNumber", "STOLEN-1")
              .put("productId", KioskIssuers.PASS_1M)
              .put(
                  "validFrom",
                  java.time.LocalDate.now(java.time.ZoneId.of("Asia/Tokyo")).toString())
              .put("cardId", stolen);
      pass.putObject("holder")
          .put("name", "山田 太郎")
          .put("phone", "090-0000-0000")
          .put("address", "東京都");
      pass.set("payment", transferProof(13_790));
      DemoRun.Answered passOnto = call(run, "/v1/commuter-passes", pass);
      run.check(
          passOnto.status() == 409 && "CARD_NOT_ACTIVE".equals(passOnto.error()),
          "center: no commuter pass is sold onto it (" + passOnto.status() + ")");
      CardValueScenarios.pointsApplication(branch);
      for (ObjectNode paid : List.of(transferProof(500), purseProof(stolen, 500))) {
        ObjectNode sale =
            JSON.createObjectNode()
                .put("requestNumber", "STOLEN-APP-" + paid.path("method").asText())
                .put("version", 1)
                .put("cardId", stolen);
        sale.set("payment", paid);
        DemoRun.Answered app = call(run, "/v1/applications/points/sales", sale);
        run.check(
            app.status() == 409 && "CARD_NOT_ACTIVE".equals(app.error()),
            "center: no application is sold onto it, paid "
                + paid.path("method").asText()
                + " ("
                + app.status()
                + " "
                + app.error()
                + ")");
      }
      run.check(
          issuerStatus(run, stolen).equals("NOT_ACTIVATED")
              && !issuerActivated(run, stolen)
              && !centerActive(run, stolen),
          "the issuer's server still has "
              + stolen
              + " NOT_ACTIVATED, with no activation; the center: still INACTIVE");
      List<JsonNode> records = outbox(run, KioskIssuers.PREPAID_ISSUER);
      run.check(
          records.stream().noneMatch(m -> stolen.equals(m.path("cardId").asText())),
          "nothing about " + stolen + " in the prepaid issuer's outbox");
    }

    private static ObjectNode purchase(String card, Seat seat, ObjectNode payment) {
      ObjectNode b =
          JSON.createObjectNode()
              .put("eventId", KioskIssuers.CONCERT)
              .put("cardId", card)
              .put("requestNumber", "STOLEN-" + payment.path("reference").asText());
      b.putArray("seatIds").add(seat.seatId().value());
      b.set("payment", payment);
      return b;
    }

    private static ObjectNode transferProof(long yen) {
      return JSON.createObjectNode()
          .put("method", "ACCOUNT_TRANSFER")
          .put("amountYen", yen)
          .put("reference", "RRN" + yen)
          .put("approvalCode", "000001")
          .put("stan", "000001")
          .put("paidAt", java.time.Instant.now().toString())
          .put("acquirer", "000001");
    }

    private static ObjectNode purseProof(String card, long yen) {
      ObjectNode p =
          JSON.createObjectNode()
              .put("method", "EMONEY")
              .put("amountYen", yen)
              .put("reference", "TX" + yen)
              .put("paidAt", java.time.Instant.now().toString())
              .put("acquirer", "EMONEY");
      p.putObject("details")
          .put("purseId", card)
          .put("purseSequence", "1")
          .put("purseBalanceAfterYen", Long.toString(KioskIssuers.PREPAID_VALUE - yen))
          .put("purseTransactionId", "TX" + yen);
      return p;
    }
  }

  /** Hanako's script for the concert's seat {@code seat}, onto {@code card}, paid by credit. */
  static ScriptedCustomer concert(DemoRun run, Seat seat, String card) {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    BranchCards.PaymentCard credit =
        BranchCards.of(hanako, com.kippu.atm.payment.AuthorizationRequest.Kind.CREDIT);
    return run.customer()
        .on("choose-card-type", "EVENT_TICKET")
        .on("select-genre", "コンサート")
        .on("select-artist", "深田聖子")
        .on("select-date-venue", KioskIssuers.CONCERT)
        .on("select-seat", seat.seatId().value())
        .on("confirm-purchase", "confirm")
        .on("choose-card", card)
        .on("choose-payment", "credit")
        .on(
            "swipe-card",
            screen -> {
              BranchCards.swipeAtNextRead(run.branch(), credit);
              return Answer.cancel();
            });
  }

  /** What Hanako's credit card has left, to weigh a payment taken back. */
  static long creditLeft(DemoRun run) {
    return run.branch()
        .network()
        .available(
            BranchCards.of(
                    Branch.CUSTOMERS.get(0), com.kippu.atm.payment.AuthorizationRequest.Kind.CREDIT)
                .number());
  }

  /**
   * The stocker runs out (S2 ¶24): the last blank card is sold; the next customer is told before
   * paying anything and buys onto her own IC card instead (no face printed on it); a card that jams
   * while being fed after payment is captured and the payment taken back, nothing sold.
   */
  static final class StockerEmpty extends OnKiosk {
    @Override
    public String name() {
      return "kiosk-stocker-empty";
    }

    @Override
    public String title() {
      return "F7: the stocker runs out: said before payment, the customer's own card offered; a"
          + " card jammed after payment is captured and the payment taken back";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      EventId concert = new EventId(KioskIssuers.CONCERT);
      List<Path> blanks = branch.slot().unloadHopper(0);
      branch.slot().loadStocker(blanks.subList(0, 1));
      run.out().println("  [stocker] the operator left one blank card: " + blanks.get(0));

      SessionOutcome last =
          session(run, concert(run, seat(run, concert, "S-1-1"), "new"), new Taken());
      run.check(
          last.result() == SessionOutcome.Result.COMPLETED && branch.slot().blanksInStocker() == 0,
          "the last blank card sold: the stocker is empty");

      Seat seat = seat(run, concert, "S-1-2");
      long credit = creditLeft(run);
      ScriptedCustomer told = concert(run, seat, "new");
      SessionOutcome nothing = session(run, told, new Taken());
      Screen choice =
          told.transcript().stream()
              .filter(s -> s.id().equals("choose-card"))
              .findFirst()
              .orElseThrow();
      run.check(
          !choice.offers("new") && choice.offers("own") && choice.lines().size() > 1,
          "before any payment: no new card offered, the stocker said empty, her own card offered");
      run.check(
          nothing.result() == SessionOutcome.Result.CANCELLED
              && index(journal(run, nothing), "pay.begin") < 0
              && creditLeft(run) == credit,
          "she walks away: nothing charged, no payment asked for");

      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      run.out().println("  [card] " + hanako.cardId() + " inserted: her own IC card");
      branch.insertCard(hanako);
      Taken own = new Taken();
      SessionOutcome onOwn = session(run, concert(run, seat, "own"), own);
      run.check(
          onOwn.result() == SessionOutcome.Result.COMPLETED
              && own.card()
                  .map(c -> c.equals(branch.cardFile(hanako).toAbsolutePath()))
                  .orElse(false),
          "she buys onto her own card instead, handed back to her");
      run.check(
          !Files.exists(branch.cardFile(hanako).resolveSibling(hanako.cardId() + ".card.face.png")),
          "her own card keeps its face: nothing printed on it");
      run.check(creditLeft(run) == credit - seat.price().yen(), "charged once: " + seat.price());
      run.writeCardView(hanako);

      Stock before = Stock.of(branch);
      branch.slot().loadStocker(blanks.subList(1, 2));
      branch.slot().jamNextFeed();
      long creditBefore = creditLeft(run);
      Seat jammedSeat = seat(run, concert, "S-1-3");
      ScriptedCustomer jammed = concert(run, jammedSeat, "new");
      SessionOutcome refunded = session(run, jammed, new Taken());
      run.check(
          refunded.result() == SessionOutcome.Result.CANCELLED
              && jammed.screenIds().contains("card-not-issued"),
          "a card jammed after payment: no card issued, the customer told: " + refunded.result());
      run.check(creditLeft(run) == creditBefore, "the payment taken back: credit restored");
      run.check(
          run.status(concert, jammedSeat) == Seat.Status.AVAILABLE,
          "nothing sold: seat " + jammedSeat.seatId() + " free");
      Stock after = Stock.of(branch);
      run.check(
          after.captured() == before.captured() + 1,
          "the jammed card captured and counted (" + after.captured() + " in the bin)");
      JournalEntry end = journal(run, refunded).get(journal(run, refunded).size() - 1);
      run.check(
          "CANCELLED".equals(end.state()) && "true".equals(end.facts().get("kiosk.feeding")),
          "journal: the feed journaled before it, the session CANCELLED");
      List<JsonNode> sales = outbox(run, KioskIssuers.PROMOTER);
      run.check(
          sales.size() == 2
              && sales.stream()
                  .noneMatch(m -> m.path("seats").toString().contains(jammedSeat.seatId().value())),
          "the promoter's outbox: the two sales made, none for the seat of the jammed card");
    }
  }

  /**
   * The card printer fails after payment (S2 ¶24 S34): the spoilt card is captured and counted, the
   * payment taken back, nothing sold (the face is printed before the sale is made).
   */
  static final class FacePrintFailed extends OnKiosk {
    @Override
    public String name() {
      return "kiosk-face-print-failed";
    }

    @Override
    public String title() {
      return "F7: the card face cannot be printed after payment: the card captured and counted,"
          + " the payment taken back, nothing sold";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      EventId concert = new EventId(KioskIssuers.CONCERT);
      Seat seat = seat(run, concert, "S-2-1");
      Stock before = Stock.of(branch);
      long credit = creditLeft(run);
      branch.slot().failNextFacePrint("ribbon out");
      ScriptedCustomer script = concert(run, seat, "new");
      SessionOutcome outcome = session(run, script, new Taken());
      run.check(
          outcome.result() == SessionOutcome.Result.CANCELLED
              && script.screenIds().contains("face-print-failed"),
          "the customer told the card could not be printed: " + outcome.result());
      run.check(creditLeft(run) == credit, "the payment taken back: credit restored");
      run.check(run.status(concert, seat) == Seat.Status.AVAILABLE, "nothing sold: seat free");
      Stock after = Stock.of(branch);
      run.check(
          after.blanks() == before.blanks() - 1 && after.captured() == before.captured() + 1,
          "the spoilt card captured and counted (" + after.captured() + " in the bin)");
      List<JournalEntry> journal = journal(run, outcome);
      JournalEntry end = journal.get(journal.size() - 1);
      run.check(
          "true".equals(end.facts().get("kiosk.cardCaptured"))
              && index(journal, "buy-ticket.begin") < 0,
          "journal: card captured, no sale asked for");
      run.check(outbox(run, KioskIssuers.PROMOTER).isEmpty(), "the promoter's outbox: no sale");
    }
  }

  /**
   * A finished card not taken within the present timeout (S2 ¶24): retracted into the capture bin
   * and counted, the ticket on it still sold and its receipt saying so, for staff to hand over.
   */
  static final class CardNotTaken extends OnKiosk {
    @Override
    public String name() {
      return "kiosk-card-not-taken";
    }

    @Override
    public String title() {
      return "F7: the finished card not taken in time is captured and counted with its ticket;"
          + " the sale stands, the receipt tells staff";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      EventId concert = new EventId(KioskIssuers.CONCERT);
      Seat seat = seat(run, concert, "S-2-2");
      Stock before = Stock.of(branch);
      long credit = creditLeft(run);
      ScriptedCustomer script = concert(run, seat, "new");
      SessionOutcome outcome = session(run, script, Taken.nobody());
      run.check(
          outcome.result() == SessionOutcome.Result.COMPLETED
              && script.screenIds().contains("card-captured"),
          "the sale completes; the customer is told the card is kept: " + outcome.result());
      Stock after = Stock.of(branch);
      run.check(
          after.captured() == before.captured() + 1 && after.timeouts() == before.timeouts() + 1,
          "the card captured and counted as not taken");
      run.check(creditLeft(run) == credit - seat.price().yen(), "charged once: the sale stands");
      run.check(run.status(concert, seat) == Seat.Status.SOLD, "seat " + seat.seatId() + " sold");
      Path card = branch.slot().capturedCards().get(branch.slot().capturedCards().size() - 1);
      String cardId = cardId(card);
      run.writeCardView(card, cardId, true);
      face(run, card, cardId);
      String receipt = run.latestReceipt().map(ReservationScenarios::read).orElse("");
      run.check(
          receipt.contains("CARD KEPT BY THE MACHINE - ASK STAFF"),
          "receipt tells staff the card " + cardId + " is in the bin");
      JournalEntry end = journal(run, outcome).get(journal(run, outcome).size() - 1);
      run.check(
          "COMPLETED".equals(end.state()) && "true".equals(end.facts().get("kiosk.cardCaptured")),
          "journal: COMPLETED, the card captured");
      run.check(
          outbox(run, KioskIssuers.PROMOTER).stream()
              .anyMatch(m -> cardId.equals(m.path("cardId").asText())),
          "the promoter's outbox holds the sale onto the captured card");
    }
  }

  /**
   * Whether the prepaid issuer's own server has {@code cardId} ACTIVE in its card records (it
   * activated the card when the center asked after the payment, S2 ¶41-42) and has the activation's
   * sales record: the center's outbox delivered first, then the issuer's records read, not the
   * center's.
   */
  static boolean issuerActivated(DemoRun run, String cardId) throws Exception {
    run.branch().center().deliverOutbox();
    return issuerStatus(run, cardId).equals("ACTIVE")
        && run.branch().issuers().received(KioskIssuers.PREPAID_ISSUER, "SALE").stream()
            .anyMatch(
                m ->
                    "ACTIVATION".equals(m.payload().path("saleKind").asText())
                        && cardId.equals(m.payload().path("cardId").asText()));
  }

  /** What the prepaid issuer's own card records say of {@code cardId}. */
  static String issuerStatus(DemoRun run, String cardId) throws Exception {
    return run.branch().issuers().cardStatus(KioskIssuers.PREPAID_ISSUER, cardId);
  }

  /** Whether the center holds {@code cardId} as an activated prepaid card. */
  static boolean centerActive(DemoRun run, String cardId) throws Exception {
    return run.branch()
        .plugin()
        .center()
        .prepaidCard(new com.kippu.atm.card.CardId(cardId))
        .map(com.kippu.atm.center.PrepaidCardState::active)
        .orElse(false);
  }

  /** The e-money on a card image, as its own value log says. */
  static long purseYen(Path card) throws Exception {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("e-money\\s+(\\d+) yen")
            .matcher(com.kippu.devices.sim.CardImages.dump(card));
    if (!m.find()) {
      throw new IllegalStateException("no e-money balance in " + card);
    }
    return Long.parseLong(m.group(1));
  }

  /** A request signed as the branch's terminal, as a terminal that skipped its checks sends it. */
  static DemoRun.Answered call(DemoRun run, String path, ObjectNode body) throws Exception {
    DemoRun.Answered answer = run.asTerminal("POST", path, body);
    run.out().println("  [center] POST " + path + " -> " + answer.status() + " " + answer.body());
    return answer;
  }

  /** The stocker's counts: blank cards left, cards captured, presents that timed out. */
  record Stock(int blanks, int captured, int timeouts) {
    static Stock of(Branch branch) {
      SimulatedCardSlots.Slot slot = branch.slot();
      return new Stock(slot.blanksInStocker(), slot.capturedCards().size(), slot.presentTimeouts());
    }
  }

  /** The card the customer took from the slot, if any. */
  static final class Taken {
    private final AtomicReference<Path> card = new AtomicReference<>();
    private final boolean walksAway;

    Taken() {
      this(false);
    }

    private Taken(boolean walksAway) {
      this.walksAway = walksAway;
    }

    /** A customer who walks away without the card when it is presented. */
    static Taken nobody() {
      return new Taken(true);
    }

    Optional<Path> card() {
      return Optional.ofNullable(card.get());
    }
  }

  /**
   * A kiosk session of the customer's {@code script}, nobody's card in the slot at the start; the
   * customer takes the card when it is presented, into {@code taken}.
   */
  static SessionOutcome session(DemoRun run, ScriptedCustomer script, Taken taken) {
    Branch branch = run.branch();
    branch.cashSlot().takeDispensed();
    branch
        .slot()
        .whenPresented(
            s -> {
              Optional<Path> card = s.card();
              if (taken.walksAway) {
                run.out().println("  [card] nobody takes card " + card.map(Path::getFileName));
                return;
              }
              s.remove();
              card.ifPresent(taken.card::set);
              run.out().println("  [card] customer takes card " + card.map(Path::getFileName));
            });
    SessionOutcome outcome =
        branch.plugin().run(TicketingPlugin.KIOSK_PURCHASE, run.watched(script));
    run.out()
        .println(
            "  [session] "
                + outcome.sessionId()
                + " "
                + outcome.result()
                + (outcome.detail().isEmpty() ? "" : " (" + outcome.detail() + ")"));
    branch.slot().whenPresented(null);
    return outcome;
  }

  /** The customer puts {@code cash} into the slot and presses Done. */
  static Function<Screen, Answer> inserting(DemoRun run, CashCounts cash) {
    return screen -> {
      run.out().println("  [cash] customer inserts " + cash.total() + " yen");
      cash.denominations().forEach(d -> run.branch().cashSlot().insert(d, cash.count(d)));
      return Answer.chose("done");
    };
  }

  static Seat seat(DemoRun run, EventId event, String seatId) throws Exception {
    return run.branch().plugin().center().seats(event).stream()
        .filter(s -> s.seatId().value().equals(seatId) && s.available())
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("seat " + seatId + " is not free"));
  }

  /** The card id of a card image, as its chip says. */
  static String cardId(Path card) throws Exception {
    String dump = com.kippu.devices.sim.CardImages.dump(card);
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("card id\\s+(\\S+)").matcher(dump);
    if (!m.find()) {
      throw new IllegalStateException("no card id in " + card);
    }
    return m.group(1);
  }

  /**
   * The face the printer made, copied to {@code card-face-<card id>.png} where a person can look at
   * it; checks it is an ID-1 card with the art and text drawn on it.
   */
  static Path face(DemoRun run, Path card, String cardId) throws Exception {
    Path printed = card.resolveSibling(card.getFileName() + ".face.png");
    run.check(Files.exists(printed), "card face printed: " + printed);
    if (!Files.exists(printed)) {
      return printed;
    }
    Path copy = run.branch().dir().resolve("card-face-" + cardId + ".png");
    Files.copy(printed, copy, StandardCopyOption.REPLACE_EXISTING);
    BufferedImage face = ImageIO.read(copy.toFile());
    int inked = 0;
    for (int y = 0; y < face.getHeight(); y += 4) {
      for (int x = 0; x < face.getWidth(); x += 4) {
        if ((face.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
          inked++;
        }
      }
    }
    run.out().println("  [face] " + copy.toAbsolutePath());
    run.check(
        face.getWidth() == 1011 && face.getHeight() == 638 && inked > 1_000,
        "card face is an ID-1 card with art and text on it: " + copy);
    return copy;
  }

  /**
   * Checks that the face shows the issuer's {@code art} where the printer puts a picture (scaled to
   * the face's height inside its margins, at the left), pixel by pixel, and ink to its right where
   * the text goes.
   */
  static void faceShowsArt(DemoRun run, Path face, byte[] art) throws Exception {
    BufferedImage printed = ImageIO.read(face.toFile());
    BufferedImage picture = ImageIO.read(new java.io.ByteArrayInputStream(art));
    int margin = 48;
    int box = printed.getHeight() - 2 * margin;
    double scale = Math.min((double) box / picture.getWidth(), (double) box / picture.getHeight());
    int w = (int) Math.floor(picture.getWidth() * scale);
    int h = (int) Math.floor(picture.getHeight() * scale);
    int top = (printed.getHeight() - h) / 2;
    BufferedImage expected = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    java.awt.Graphics2D g = expected.createGraphics();
    try {
      g.drawImage(picture, 0, 0, w, h, null);
    } finally {
      g.dispose();
    }
    long difference = 0;
    long samples = 0;
    for (int y = 0; y < h; y += 3) {
      for (int x = 0; x < w; x += 3) {
        int a = printed.getRGB(margin + x, top + y);
        int b = expected.getRGB(x, y);
        for (int shift = 0; shift <= 16; shift += 8) {
          difference += Math.abs(((a >> shift) & 0xFF) - ((b >> shift) & 0xFF));
        }
        samples += 3;
      }
    }
    int textInk = 0;
    for (int y = margin; y < printed.getHeight() - margin; y += 2) {
      for (int x = margin + w + 40; x < printed.getWidth() - margin; x += 2) {
        if ((printed.getRGB(x, y) & 0xFF) < 96) {
          textInk++;
        }
      }
    }
    double mean = (double) difference / samples;
    run.check(
        mean < 4 && textInk > 500,
        String.format(
            "the face shows the issuer's art (%dx%d at the left, mean difference %.2f of 255)"
                + " and text beside it (%d dark samples)",
            w, h, mean, textInk));
  }

  static List<JournalEntry> journal(DemoRun run, SessionOutcome outcome) {
    return run.branch().plugin().journal().entries(new SessionId(outcome.sessionId()));
  }

  static int index(List<JournalEntry> journal, String state) {
    for (int i = 0; i < journal.size(); i++) {
      if (journal.get(i).state().equals(state)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The issuer's outbox after the center fed its sales into it: the records waiting for (or
   * delivered to) the issuer's system, read from the center's database.
   */
  static List<JsonNode> outbox(DemoRun run, String issuer) throws Exception {
    run.branch().center().deliverOutbox();
    List<JsonNode> messages = new ArrayList<>();
    Path db = run.branch().dir().resolve("issuer-center.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        PreparedStatement ps =
            c.prepareStatement(
                "SELECT message_type, payload FROM outbox WHERE issuer_id = ?"
                    + " ORDER BY created_at, message_key")) {
      ps.setString(1, issuer);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          JsonNode m = JSON.readTree(rs.getBytes(2));
          run.out().println("  [outbox " + issuer + "] " + rs.getString(1) + " " + m);
          messages.add(m);
        }
      }
    }
    return messages;
  }
}
