package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.spi.TerminalProfile;
import java.util.List;

/**
 * F11 on a home PC (S2 ¶53): adding to a card already issued, the card in the PC's reader, paid by
 * online banking through the center: an issuer's application, and value onto a prepaid card.
 */
final class HomePcCardValueScenarios {
  private HomePcCardValueScenarios() {}

  static List<DemoScenario> all() {
    return List.of(new AddFunction(), new Recharge(), new Activation());
  }

  /**
   * F11 at home (S2 ¶53): an issuer's application, uploaded through the center, added to the card
   * in the PC's reader after an online-banking payment.
   */
  static final class AddFunction implements DemoScenario {
    @Override
    public String name() {
      return "home-pc-add-function";
    }

    @Override
    public String title() {
      return "home PC: a registered user adds an issuer's application to her card (F11), paid by"
          + " online banking through the center";
    }

    @Override
    public TerminalProfile.Kind kind() {
      return TerminalProfile.Kind.HOME_PC;
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      String pin = Branch.demoPin(hanako);
      HomePcScenarios.registerAtBranch(run);
      run.heading("the points issuer uploads its application through the center");
      CardValueScenarios.pointsApplication(branch);
      long bank = run.balance(hanako.account());
      long issuer = run.balance(CardValueScenarios.PREPAID_ACCOUNT);

      run.heading("at home: log in, add Kippu Points to her card, pay 500 yen by online banking");
      ScriptedCustomer add =
          HomePcScenarios.loggedIn(run.customer())
              .on("choose-application", "points")
              .on("choose-payment", "online-banking")
              .on("online-banking-pin", UserScenarios.typesPin(branch, pin));
      SessionOutcome added = run.session(TicketingPlugin.ADD_FUNCTION, hanako, add, pin);
      run.check(
          added.result() == SessionOutcome.Result.COMPLETED,
          "application added: " + added.result() + " " + added.detail());
      List<com.kippu.atm.card.CardApplication> onCard =
          CardValueScenarios.AddFunctionScenario.applications(branch, hanako);
      run.out().println("  [card] applications " + onCard);
      run.check(
          onCard.stream()
              .anyMatch(
                  a ->
                      a.aidHex().equals(CardValueScenarios.AddFunctionScenario.AID)
                          && a.version() == 1),
          "the card lists Kippu Points v1 under its AID");
      run.check(
          run.balance(hanako.account()) == bank - 500
              && run.balance(CardValueScenarios.PREPAID_ACCOUNT) == issuer + 500,
          "her account paid 500 yen once, straight to the issuer's account");
      HomePcChecks.paidThroughCenter(run, added, "online-banking", "bank");
      List<JsonNode> sales =
          KioskScenarios.outbox(run, CardValueScenarios.AddFunctionScenario.ISSUER).stream()
              .filter(m -> "CARD_APPLICATION".equals(m.path("saleKind").asText()))
              .toList();
      run.check(
          sales.size() == 1
              && hanako.cardId().equals(sales.get(0).path("cardId").asText())
              && sales.get(0).path("amountYen").asLong() == 500
              && "ACCOUNT_TRANSFER".equals(sales.get(0).path("paymentMethod").asText())
              && "KIPPU-CENTER".equals(sales.get(0).path("paymentAcquirer").asText()),
          "the issuer's outbox holds the sale of points v1 onto her card, acquired by the center");
    }
  }

  /**
   * F11 at home: a prepaid card in the PC's reader recharged, paid by online banking; the value is
   * recorded at the center and written into the card's purse by the PC's e-money reader/writer.
   */
  static final class Recharge implements DemoScenario {
    private static final String CARD = "PC-20003";

    @Override
    public String name() {
      return "home-pc-recharge";
    }

    @Override
    public String title() {
      return "home PC: a registered user recharges her prepaid card in the PC's reader (F11),"
          + " paid by online banking through the center";
    }

    @Override
    public TerminalProfile.Kind kind() {
      return TerminalProfile.Kind.HOME_PC;
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      String pin = Branch.demoPin(hanako);
      HomePcScenarios.registerAtBranch(run);
      Branch.Customer card = CardValueScenarios.prepaidCard(run, CARD);
      long bank = run.balance(hanako.account());
      long issuer = run.balance(KioskIssuers.PREPAID_ACCOUNT);

      run.heading("at home: log in, recharge 20,000 yen onto the prepaid card by online banking");
      ScriptedCustomer recharge =
          HomePcScenarios.loggedIn(run.customer())
              .on("choose-recharge", "20000")
              .on("choose-payment", "online-banking")
              .on("online-banking-pin", UserScenarios.typesPin(branch, pin));
      SessionOutcome done = run.session(TicketingPlugin.RECHARGE, card, recharge, pin);
      run.check(
          done.result() == SessionOutcome.Result.COMPLETED,
          "recharge completed: " + done.result() + " " + done.detail());
      run.check(
          CardValueScenarios.valueAtCenter(branch, CARD) == 25_000 && run.purseYen(card) == 25_000,
          "card value 5,000 + 20,000 = 25,000 at the center and in the purse on the chip");
      run.check(
          run.balance(hanako.account()) == bank - 20_000
              && run.balance(KioskIssuers.PREPAID_ACCOUNT) == issuer + 20_000,
          "her account paid 20,000 yen once, straight to the prepaid issuer's account");
      HomePcChecks.paidThroughCenter(run, done, "online-banking", "bank");
      List<JsonNode> sales =
          KioskScenarios.outbox(run, KioskIssuers.PREPAID_ISSUER).stream()
              .filter(m -> CARD.equals(m.path("cardId").asText()))
              .filter(m -> m.path("amountYen").asLong() == 20_000)
              .filter(m -> "ACCOUNT_TRANSFER".equals(m.path("paymentMethod").asText()))
              .filter(m -> "KIPPU-CENTER".equals(m.path("paymentAcquirer").asText()))
              .toList();
      run.check(
          sales.size() == 1,
          "the prepaid issuer's outbox holds the recharge, acquired by the center");
    }
  }

  /**
   * F10 at home (S2 ¶41-46): the operator sent Hanako a pre-valued prepaid card; worthless until
   * activated, it is bought at home kiosk-style in the PC's reader, paid with her registered card,
   * and its id activated at the center and the issuer.
   */
  static final class Activation implements DemoScenario {
    @Override
    public String name() {
      return "home-pc-prepaid-activation";
    }

    @Override
    public String title() {
      return "home PC: a pre-valued prepaid card the operator sent is bought in the PC's reader"
          + " and activated (F10), paid with the registered card through the center";
    }

    @Override
    public TerminalProfile.Kind kind() {
      return TerminalProfile.Kind.HOME_PC;
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      String pin = Branch.demoPin(hanako);
      HomePcScenarios.registerAtBranch(run);
      String id = KioskIssuers.PREPAID_CARDS.get(KioskIssuers.PREPAID_CARDS.size() - 1);
      Branch.Customer sent = new Branch.Customer(id, "", hanako.account(), 0);
      KioskStock.preValued(branch, branch.cardFile(sent), id);
      run.out().println("  [post] the operator sent pre-valued card " + id + " to Hanako");
      run.check(
          !KioskScenarios.centerActive(run, id),
          "before activation the card is worthless: not active at the center");
      long credit = KioskScenarios.creditLeft(run);

      run.heading("at home: log in, a prepaid card chosen, the one in the reader, paid by card");
      ScriptedCustomer script =
          HomePcScenarios.loggedIn(run.customer())
              .on("choose-card-type", "PREPAID")
              .on("select-prepaid", KioskIssuers.PREPAID_10000)
              .on("confirm-purchase", "confirm")
              .on("choose-card", "own")
              .on("choose-payment", "stored-card")
              .on("confirm-stored-card", "confirm");
      SessionOutcome bought = run.session(TicketingPlugin.KIOSK_PURCHASE, sent, script, pin);
      run.check(
          bought.result() == SessionOutcome.Result.COMPLETED,
          "session completed: " + bought.result() + " " + bought.detail());
      run.check(
          HomePcFlowScenarios.choices(script, "choose-card").equals(List.of("own", "cancel")),
          "only the card in the reader is offered: no stocker");
      run.check(
          KioskScenarios.centerActive(run, id) && KioskScenarios.issuerActivated(run, id),
          "card " + id + " active at the center and at the prepaid issuer's own server");
      run.check(
          KioskScenarios.creditLeft(run) == credit - KioskIssuers.PREPAID_PRICE,
          "her registered card was charged " + KioskIssuers.PREPAID_PRICE + " yen, once");
      run.check(
          run.purseYen(sent) == KioskIssuers.PREPAID_VALUE,
          "the card's purse holds its " + KioskIssuers.PREPAID_VALUE + " yen, now worth it");
      HomePcChecks.paidThroughCenter(run, bought, "stored-card", "card host");
      List<JsonNode> records =
          KioskScenarios.outbox(run, KioskIssuers.PREPAID_ISSUER).stream()
              .filter(m -> id.equals(m.path("cardId").asText()))
              .filter(m -> "ACTIVATION".equals(m.path("saleKind").asText()))
              .filter(m -> "KIPPU-CENTER".equals(m.path("paymentAcquirer").asText()))
              .toList();
      run.check(records.size() == 1, "the prepaid issuer's outbox holds the activation of " + id);
    }
  }
}
