package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.spi.TerminalProfile;
import java.util.List;
import java.util.Map;

/**
 * F13 online banking (S2 ¶51): at home, Hanako pays for a seat by a transfer from her own bank
 * account, which the center orders at the bank: the PC never speaks to the bank. Her first PIN is
 * wrong (the bank declines, she types it again), then the account her IC card holds pays; a second
 * seat is paid from an account she keys in, after the bank refused one with too little in it.
 * Balances, the center's record, her card, the journal and the issuer's outbox show where the money
 * went.
 */
final class HomePcBankingScenario implements DemoScenario {
  @Override
  public String name() {
    return "home-pc-online-banking";
  }

  @Override
  public String title() {
    return "home PC: a registered user pays by online banking, authorised through the center (a"
        + " wrong PIN declined first), from her card's account and from one keyed in";
  }

  @Override
  public TerminalProfile.Kind kind() {
    return TerminalProfile.Kind.HOME_PC;
  }

  @Override
  public void play(DemoRun run) throws Exception {
    Branch branch = run.branch();
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    Branch.Customer taro = Branch.CUSTOMERS.get(1);
    String pin = Branch.demoPin(hanako);
    HomePcScenarios.registerAtBranch(run);
    BranchCards.PaymentCard credit = BranchCards.of(hanako, AuthorizationRequest.Kind.CREDIT);
    long creditLine = branch.network().available(credit.number());
    long hanakoBank = run.balance(hanako.account());
    long issuerBank = run.balance(Branch.ISSUER_ACCOUNT);
    EventSummary concert = branch.plugin().center().events().get(0);
    Seat seat = run.firstFreeSeat(concert.eventId());

    run.heading("at home: log in, choose a seat, pay by online banking from her card's account");
    ScriptedCustomer script =
        HomePcScenarios.loggedIn(run.customer())
            .on("select-event", concert.eventId().value())
            .on("select-seat", seat.seatId().value())
            .on("choose-payment", "online-banking")
            .on("online-banking-pin", UserScenarios.typesPin(branch, "0000"))
            .on("online-banking-pin", UserScenarios.typesPin(branch, pin));
    SessionOutcome bought = run.session(TicketingPlugin.RESERVE_PAY_ISSUE, hanako, script, pin);
    List<String> choices =
        script.transcript().stream()
            .filter(s -> s.id().equals("choose-payment"))
            .findFirst()
            .map(s -> s.choices().stream().map(c -> c.key()).toList())
            .orElse(List.of());
    run.out().println("  [menu] payment choices " + choices);
    run.check(
        choices.containsAll(List.of("online-banking", "online-banking-keyed", "stored-card"))
            && !choices.contains("transfer")
            && !choices.contains("cash"),
        "online banking through the center is offered; no direct bank transfer, no cash");
    run.check(
        script.screenIds().contains("wrong-pin"),
        "the wrong online-banking PIN was declined by the bank and asked again");
    run.check(
        bought.result() == SessionOutcome.Result.COMPLETED,
        "session completed: " + bought.result() + " " + bought.detail());
    run.check(run.status(concert.eventId(), seat) == Seat.Status.SOLD, "seat sold");
    long price = seat.price().yen();
    run.check(
        run.balance(hanako.account()) == hanakoBank - price,
        "Hanako's bank account paid " + price + " yen, once");
    run.check(
        run.balance(Branch.ISSUER_ACCOUNT) == issuerBank + price,
        "the issuer's account received " + price + " yen directly");
    run.check(
        branch.network().available(credit.number()) == creditLine,
        "her credit card was not charged");
    Map<String, String> facts = HomePcChecks.lastFacts(run, bought);
    run.check(
        "online-banking".equals(facts.get("method")),
        "journal: paid by online-banking, ended " + HomePcChecks.lastState(run, bought));
    JsonNode record = HomePcChecks.homePayment(run, facts.getOrDefault("payment", ""));
    run.check(
        "ONLINE_BANKING".equals(record.path("method").asText())
            && "APPROVED".equals(record.path("status").asText())
            && record
                .path("maskedAccount")
                .asText()
                .endsWith(hanako.account().masked().substring(9)),
        "the center recorded the bank's approval under the session's reference, account masked");
    List<JsonNode> sales = HomePcChecks.promoterSales(run, hanako.cardId(), "ACCOUNT_TRANSFER");
    run.check(
        sales.size() == 1
            && sales.get(0).path("amountYen").asLong() == price
            && "ISSUER".equals(sales.get(0).path("receivedBy").asText()),
        "the issuer's outbox holds the sale, an ACCOUNT_TRANSFER acquired by the center and"
            + " received by the issuer");
    run.writeCardView(hanako);

    run.heading(
        "a second seat, from accounts she keys in: Taro's (too little in it), then her own");
    Seat second = run.firstFreeSeat(concert.eventId());
    long taroBank = run.balance(taro.account());
    long hanakoAfterFirst = run.balance(hanako.account());
    ScriptedCustomer keyed =
        HomePcScenarios.loggedIn(run.customer())
            .on("select-event", concert.eventId().value())
            .on("select-seat", second.seatId().value())
            .on("choose-payment", "online-banking-keyed")
            .on("key-bank-account", s -> Answer.chose(taro.account().value()))
            .on("online-banking-pin", UserScenarios.typesPin(branch, Branch.demoPin(taro)))
            .on("choose-payment", "online-banking-keyed")
            .on("key-bank-account", s -> Answer.chose(hanako.account().value()))
            .on("online-banking-pin", UserScenarios.typesPin(branch, pin));
    SessionOutcome keyedIn = run.session(TicketingPlugin.RESERVE_PAY_ISSUE, hanako, keyed, pin);
    run.check(
        keyed.screenIds().contains("payment-declined") && run.balance(taro.account()) == taroBank,
        "the bank refused Taro's account ("
            + taroBank
            + " yen in it): nothing moved, back to"
            + " the choice of method");
    run.check(
        keyedIn.result() == SessionOutcome.Result.COMPLETED,
        "then her own account keyed in: session completed " + keyedIn.detail());
    run.check(
        run.balance(hanako.account()) == hanakoAfterFirst - second.price().yen(),
        "the keyed-in account paid " + second.price().yen() + " yen");
    JsonNode keyedRecord =
        HomePcChecks.homePayment(
            run, HomePcChecks.lastFacts(run, keyedIn).getOrDefault("payment", ""));
    run.check(
        "APPROVED".equals(keyedRecord.path("status").asText())
            && HomePcChecks.promoterSales(run, hanako.cardId(), "ACCOUNT_TRANSFER").size() == 2,
        "the center recorded the keyed-in account's approval; the outbox holds both sales");
  }
}
