package com.kippu.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.devices.ChipData;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * F11 (S2 ¶45): value added to a card already issued, after payment, within the limits the center
 * enforces per card and per day.
 */
public final class CardValueScenarios {
  /** The prepaid issuer the scenarios enrol, and the account it is paid into. */
  static final String PREPAID_ISSUER = "kippu-prepaid";

  public static final AccountNumber PREPAID_ACCOUNT = new AccountNumber("0009-001-5550001");

  /**
   * The shop's kiosk that sold a home PC user's prepaid card (another terminal of the operator).
   */
  static final String SHOP_KIOSK = "KIOSK001";

  private CardValueScenarios() {}

  static List<DemoScenario> all() {
    return List.of(new RechargeScenario(), new AddFunctionScenario());
  }

  /**
   * Enrols the prepaid issuer, which publishes a 5,000-yen card product and registers card {@code
   * cardId}; the card was sold and activated earlier (F10) and is in the branch's drawer, its chip
   * naming Hanako's account and its purse holding the 5,000 yen. Returns the card as a customer of
   * the branch.
   */
  static Branch.Customer prepaidCard(DemoRun run, String cardId) throws Exception {
    Branch.Customer card = prepaidCard(run.branch(), cardId);
    run.out().println("  [setup] prepaid card " + cardId + " sold and activated with 5,000 yen");
    return card;
  }

  /** As {@link #prepaidCard(DemoRun, String)}, on {@code branch}. */
  public static Branch.Customer prepaidCard(Branch branch, String cardId) throws Exception {
    return prepaidCard(branch, cardId, 5_000);
  }

  /**
   * As above, a card of the issuer's {@code valueYen} product (price and value alike); a card whose
   * chip exists already keeps its purse, which must hold that value.
   */
  static Branch.Customer prepaidCard(Branch branch, String cardId, long valueYen) throws Exception {
    CenterCalls center = new CenterCalls(branch);
    if (!branch.bank().ledger().hasAccount(PREPAID_ACCOUNT)) {
      branch.bank().ledger().openAccount(PREPAID_ACCOUNT, "Kippu Prepaid Co.", 0);
    }
    // A kiosk's branch enrolled the prepaid issuer at its start and kept its secret.
    java.nio.file.Path kept = branch.dir().resolve("issuer-" + PREPAID_ISSUER + ".secret");
    String secret =
        Files.exists(kept)
            ? Files.readString(kept).trim()
            : center.enrolIssuer(
                PREPAID_ISSUER, "Kippu Prepaid Co.", "PREPAID_ISSUER", PREPAID_ACCOUNT.value());
    ObjectNode product =
        CenterCalls.JSON
            .createObjectNode()
            .put("cardType", "PREPAID")
            .put("name", "Kippu Prepaid " + valueYen)
            .put("priceYen", valueYen)
            .put("valueYen", valueYen);
    CenterCalls.expect(
        center.asIssuer(
            PREPAID_ISSUER,
            secret,
            "PUT",
            "/v1/issuers/" + PREPAID_ISSUER + "/products/pp-" + valueYen,
            product),
        "publish the prepaid product");
    ObjectNode ids = CenterCalls.JSON.createObjectNode().put("productId", "pp-" + valueYen);
    ids.putArray("cardIds").add(cardId);
    CenterCalls.expect(
        center.asIssuer(
            PREPAID_ISSUER,
            secret,
            "POST",
            "/v1/issuers/" + PREPAID_ISSUER + "/prepaid-cards",
            ids),
        "register the card id");
    branch.issuers().stock(PREPAID_ISSUER, List.of(cardId));
    ObjectNode activation = CenterCalls.JSON.createObjectNode();
    activation
        .putObject("payment")
        .put("method", "CREDIT_CARD")
        .put("amountYen", valueYen)
        .put("reference", "KIOSK-SALE-" + cardId)
        .put("approvalCode", "A00001")
        .put("stan", "000001")
        .put("paidAt", Instant.now().minus(Duration.ofDays(3)).toString())
        .put("acquirer", "CARD-NETWORK")
        .putObject("details")
        .put("maskedCard", "411111******1111");
    String activate = "/v1/prepaid-cards/" + cardId + "/activate";
    CenterCalls.expect(
        branch.kind() == TerminalProfile.Kind.HOME_PC
            // Sold at a shop's kiosk: a home PC is the user's own machine, and the center takes
            // from it no card payment it did not authorise itself.
            ? center.asOtherTerminal(SHOP_KIOSK, activate, activation)
            : center.asTerminal(activate, activation),
        "activate the card as sold");
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    Branch.Customer card = new Branch.Customer(cardId, hanako.name(), hanako.account(), 0);
    if (!Files.exists(branch.cardFile(card))) {
      // A pre-valued card (S2 ¶13): its 5,000 yen is in the purse on the chip, as the center's
      // ledger of the card has it.
      branch.personaliseCard(
          branch.cardFile(card),
          new ChipData(cardId, hanako.name(), hanako.account().value(), valueYen));
    }
    return card;
  }

  /**
   * The points issuer uploads its application "points" v1 (AID {@value AddFunctionScenario#AID},
   * 500 yen, paid into {@link #PREPAID_ACCOUNT}) through the center.
   */
  public static void pointsApplication(Branch branch) throws Exception {
    String issuer = AddFunctionScenario.ISSUER;
    if (!branch.bank().ledger().hasAccount(PREPAID_ACCOUNT)) {
      branch.bank().ledger().openAccount(PREPAID_ACCOUNT, "Kippu Points Co.", 0);
    }
    CenterCalls center = new CenterCalls(branch);
    String secret =
        center.enrolIssuer(issuer, "Kippu Points Co.", "PROMOTER", PREPAID_ACCOUNT.value());
    ObjectNode app =
        CenterCalls.JSON
            .createObjectNode()
            .put("version", 1)
            .put("aid", AddFunctionScenario.AID)
            .put("name", "Kippu Points")
            .put("priceYen", 500)
            .put(
                "code",
                java.util.Base64.getEncoder()
                    .encodeToString(
                        "kippu-points applet v1: earn a point per 100 yen"
                            .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    CenterCalls.expect(
        center.asIssuer(
            issuer, secret, "PUT", "/v1/issuers/" + issuer + "/applications/points", app),
        "upload the application");
  }

  /** The card's value at the center. */
  public static long valueAtCenter(Branch branch, String cardId) throws Exception {
    return new CenterCalls(branch)
        .getAsTerminal("/v1/prepaid-cards/" + cardId)
        .body()
        .path("valueYen")
        .asLong(-1);
  }

  /**
   * Hanako recharges her prepaid card by account transfer; a second amount over the day's limit is
   * refused by the center before she pays, and a third one the center refuses after payment
   * (another terminal recharged the card meanwhile) has its payment reversed.
   */
  static final class RechargeScenario implements DemoScenario {
    private static final String CARD = "PC-20001";

    @Override
    public String name() {
      return "recharge";
    }

    @Override
    public String title() {
      return "recharge a prepaid card by transfer; over the day's limit refused before payment;"
          + " refused after payment (limit reached meanwhile) and the payment reversed";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      Branch.Customer card = prepaidCard(run, CARD);
      String pin = Branch.demoPin(hanako);
      long balance = run.balance(hanako.account());
      long issuer = run.balance(PREPAID_ACCOUNT);

      run.heading("1. recharge 20,000 yen by account transfer");
      ScriptedCustomer first =
          run.customer().on("choose-recharge", "20000").on("choose-payment", "transfer");
      SessionOutcome done = run.session(TicketingPlugin.RECHARGE, card, first, pin);
      run.check(done.result() == SessionOutcome.Result.COMPLETED, "recharge completed: " + done);
      run.check(
          shown(first, "choose-recharge")
              .map(s -> s.body().get(0).args().contains(Money.yen(5_000)))
              .orElse(false),
          "the card's value (5,000 yen) was shown before choosing");
      run.check(
          valueAtCenter(branch, CARD) == 25_000,
          "card value 5,000 + 20,000 = 25,000 at the center");
      run.check(
          run.purseYen(card) == 25_000,
          "the purse on the chip holds 25,000 yen: the value was written onto the card ("
              + run.purseYen(card)
              + ")");
      run.check(
          run.balance(hanako.account()) == balance - 20_000, "Hanako's account debited 20,000");
      run.check(
          run.balance(PREPAID_ACCOUNT) == issuer + 20_000,
          "the prepaid issuer's account credited 20,000");
      Optional<String> receipt = run.latestReceipt().map(p -> read(p));
      receipt.ifPresent(r -> run.out().println("  [receipt]\n" + r.indent(4)));
      run.check(
          receipt.orElse("").contains("VALUE NOW") && receipt.orElse("").contains("25,000"),
          "receipt shows the value after the recharge");
      run.check(
          KioskScenarios.outbox(run, PREPAID_ISSUER).stream()
              .anyMatch(
                  m ->
                      "RECHARGE".equals(m.path("saleKind").asText())
                          && CARD.equals(m.path("cardId").asText())
                          && m.path("valueAfterYen").asLong() == 25_000),
          "the prepaid issuer's outbox has the recharge of card "
              + CARD
              + ", value after 25,000 yen");
      List<String> states =
          branch.plugin().journal().entries(new SessionId(done.sessionId())).stream()
              .map(JournalEntry::state)
              .toList();
      run.check(
          states.indexOf("pay.done") >= 0
              && states.indexOf("pay.done") < states.indexOf("apply-recharge.done")
              && states.get(states.size() - 1).equals("COMPLETED"),
          "journal: paid, the value applied, then completed: " + states);

      run.heading("2. another 20,000 the same day: over the 30,000-yen day limit, refused unpaid");
      ScriptedCustomer second =
          run.customer().on("choose-recharge", "20000").on("choose-recharge", s -> Answer.cancel());
      SessionOutcome refused = run.session(TicketingPlugin.RECHARGE, card, second, pin);
      Optional<Screen> limit = shown(second, "recharge-limit");
      run.check(limit.isPresent(), "the day limit was shown: " + limit.map(Screen::lines));
      run.check(
          limit.map(s -> s.lines().toString()).orElse("").contains("10,000"),
          "it says, in the terminal's language, how much the card may still take today (10,000): "
              + limit.map(Screen::lines).orElse(List.of()));
      run.check(
          refused.result() == SessionOutcome.Result.CANCELLED,
          "session cancelled: " + refused.result());
      run.check(shown(second, "choose-payment").isEmpty(), "no payment was asked for");
      run.check(
          run.balance(hanako.account()) == balance - 20_000, "nothing more taken from Hanako");
      run.check(valueAtCenter(branch, CARD) == 25_000, "card value unchanged");
      run.check(run.purseYen(card) == 25_000, "purse on the chip unchanged");

      run.heading(
          "3. 5,000 quoted, but another terminal recharges 10,000 while Hanako chooses how to pay");
      CenterCalls center = new CenterCalls(branch);
      ScriptedCustomer third =
          run.customer()
              .on("choose-recharge", "5000")
              .on(
                  "choose-payment",
                  screen -> {
                    ObjectNode other = CenterCalls.JSON.createObjectNode();
                    other
                        .putObject("payment")
                        .put("method", "CREDIT_CARD")
                        .put("amountYen", 10_000)
                        .put("reference", "OTHER-TERMINAL-1")
                        .put("approvalCode", "A00002")
                        .put("stan", "000002")
                        .put("paidAt", branch.clock().instant().toString())
                        .put("acquirer", "CARD-NETWORK")
                        .putObject("details")
                        .put("maskedCard", "411111******2222");
                    try {
                      CenterCalls.Answer a =
                          center.asTerminal("/v1/prepaid-cards/" + CARD + "/recharge", other);
                      run.out().println("  [other terminal] recharge 10,000: HTTP " + a.status());
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                    return Answer.chose("transfer");
                  });
      SessionOutcome late = run.session(TicketingPlugin.RECHARGE, card, third, pin);
      run.check(
          late.result() == SessionOutcome.Result.FAILED,
          "the center refused the recharge after payment: " + late.result() + " " + late.detail());
      run.check(late.detail().contains("DAILY_LIMIT"), "refused for the day limit");
      run.check(
          shown(third, "recharge-refused").isPresent(),
          "Hanako was told the value was not added and the payment is returned");
      run.check(
          waitForBalance(run, hanako.account(), balance - 20_000),
          "the 5,000-yen transfer was reversed: Hanako's account back at "
              + (balance - 20_000)
              + " ("
              + run.balance(hanako.account())
              + ")");
      run.check(
          valueAtCenter(branch, CARD) == 35_000,
          "card value 35,000: the other terminal's 10,000, nothing for the refused payment");
      // The other terminal's 10,000 was recorded at the center only (it stands for a terminal
      // whose load is still to come); nothing of the refused payment reached the chip.
      run.check(
          run.purseYen(card) == 25_000,
          "purse on the chip still 25,000: nothing loaded for the refused payment");
      List<JournalEntry> journal =
          branch.plugin().journal().entries(new SessionId(late.sessionId()));
      run.check(
          journal.stream().anyMatch(e -> e.state().equals("pay.compensated")),
          "journal: the payment was compensated");
    }

    private static Optional<Screen> shown(ScriptedCustomer script, String id) {
      return script.transcript().stream().filter(s -> s.id().equals(id)).findFirst();
    }

    private static String read(java.nio.file.Path p) {
      try {
        return Files.readString(p);
      } catch (java.io.IOException e) {
        return "";
      }
    }

    /** The reversal's 0430 may come a moment after the session ends. */
    private static boolean waitForBalance(DemoRun run, AccountNumber account, long expected)
        throws InterruptedException {
      for (int i = 0; i < 50 && run.balance(account) != expected; i++) {
        Thread.sleep(100);
      }
      return run.balance(account) == expected;
    }
  }

  /**
   * A second ticket appended to a card that already holds one, then an issuer's application,
   * uploaded through the center, installed on the same card after payment; adding it again is
   * refused before payment.
   */
  static final class AddFunctionScenario implements DemoScenario {
    static final String ISSUER = "kippu-points";
    static final String AID = "F0000000010001";

    @Override
    public String name() {
      return "add-function";
    }

    @Override
    public String title() {
      return "add to a card already issued: a second ticket appended beside the first, then an"
          + " issuer's application (uploaded through the center) installed after payment";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      String pin = Branch.demoPin(hanako);

      run.heading("1. two tickets, one session each: the second is appended beside the first");
      for (int i = 1; i <= 2; i++) {
        com.kippu.atm.center.EventSummary concert = branch.plugin().center().events().get(0);
        com.kippu.atm.center.Seat seat = run.firstFreeSeat(concert.eventId());
        ScriptedCustomer buy =
            run.customer()
                .on("select-event", concert.eventId().value())
                .on("select-seat", seat.seatId().value())
                .on("choose-payment", "transfer");
        SessionOutcome bought = run.session(TicketingPlugin.RESERVE_PAY_ISSUE, hanako, buy, pin);
        run.check(
            bought.result() == SessionOutcome.Result.COMPLETED,
            "ticket " + i + " bought: " + bought.result());
      }
      List<com.kippu.atm.gate.TicketInspector.InspectedTicket> tickets = tickets(branch, hanako);
      run.check(
          tickets.size() == 2
              && tickets.stream()
                  .allMatch(com.kippu.atm.gate.TicketInspector.InspectedTicket::signatureValid),
          "the card holds both tickets, each signature valid (" + tickets.size() + ")");

      run.heading("2. the issuer uploads its application through the center");
      pointsApplication(branch);
      run.out()
          .println("  [issuer] " + ISSUER + " uploaded application points v1 (AID " + AID + ")");

      run.heading("3. Hanako adds it to her card, paying 500 yen by transfer");
      long balance = run.balance(hanako.account());
      long issuer = run.balance(PREPAID_ACCOUNT);
      ScriptedCustomer add =
          run.customer().on("choose-application", "points").on("choose-payment", "transfer");
      SessionOutcome added = run.session(TicketingPlugin.ADD_FUNCTION, hanako, add, pin);
      run.check(
          added.result() == SessionOutcome.Result.COMPLETED,
          "application added: " + added.result() + " " + added.detail());
      List<com.kippu.atm.card.CardApplication> onCard = applications(branch, hanako);
      run.out().println("  [card] applications " + onCard);
      run.check(
          onCard.stream().anyMatch(a -> a.aidHex().equals(AID) && a.version() == 1),
          "the card lists Kippu Points v1 under its AID");
      run.check(run.balance(hanako.account()) == balance - 500, "Hanako's account debited 500");
      run.check(run.balance(PREPAID_ACCOUNT) == issuer + 500, "the issuer's account credited 500");
      run.check(tickets(branch, hanako).size() == 2, "both tickets still on the card");
      List<com.fasterxml.jackson.databind.JsonNode> sales =
          KioskScenarios.outbox(run, ISSUER).stream()
              .filter(m -> "CARD_APPLICATION".equals(m.path("saleKind").asText()))
              .toList();
      run.check(
          sales.size() == 1
              && "points".equals(sales.get(0).path("appId").asText())
              && sales.get(0).path("version").asInt() == 1
              && hanako.cardId().equals(sales.get(0).path("cardId").asText())
              && sales.get(0).path("amountYen").asLong() == 500
              && "ISSUER".equals(sales.get(0).path("receivedBy").asText()),
          "the issuer's outbox has the sale of points v1 onto Hanako's card, 500 yen received by"
              + " the issuer: "
              + sales);
      List<JournalEntry> journal =
          branch.plugin().journal().entries(new SessionId(added.sessionId()));
      List<String> states = journal.stream().map(JournalEntry::state).toList();
      run.check(
          states.indexOf("pay.done") >= 0
              && states.indexOf("pay.done") < states.indexOf("record-application-sale.done")
              && states.get(states.size() - 1).equals("COMPLETED")
              && journal.stream()
                  .anyMatch(e -> e.facts().values().stream().anyMatch(v -> v.contains(AID))),
          "journal: paid, installed (the AID journaled), the sale recorded, completed: " + states);

      run.heading("4. the same version again: refused before any payment");
      ScriptedCustomer again =
          run.customer()
              .on("choose-application", "points")
              .on("choose-application", s -> Answer.cancel());
      SessionOutcome refused = run.session(TicketingPlugin.ADD_FUNCTION, hanako, again, pin);
      run.check(
          again.screenIds().contains("application-installed-already")
              && !again.screenIds().contains("choose-payment"),
          "told it is on the card already, and asked for no payment");
      run.check(
          refused.result() == SessionOutcome.Result.CANCELLED
              && run.balance(hanako.account()) == balance - 500,
          "nothing charged: " + refused.result());
      run.writeCardView(hanako);
    }

    private static List<com.kippu.atm.gate.TicketInspector.InspectedTicket> tickets(
        Branch branch, Branch.Customer c) throws Exception {
      branch.insertCard(c);
      try {
        return new com.kippu.atm.gate.TicketInspector(
                branch.plugin().tickets(),
                issuer -> {
                  try {
                    return branch.plugin().center().issuerKey(issuer);
                  } catch (com.kippu.atm.center.CenterException e) {
                    throw new IllegalStateException(e);
                  }
                },
                branch.plugin().config().zone())
            .tickets(branch.plugin().card());
      } finally {
        branch.removeCard();
      }
    }

    static List<com.kippu.atm.card.CardApplication> applications(Branch branch, Branch.Customer c)
        throws Exception {
      branch.insertCard(c);
      try {
        return branch.plugin().card().applications();
      } finally {
        branch.removeCard();
      }
    }
  }
}
