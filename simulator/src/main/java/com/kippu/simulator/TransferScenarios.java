package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The account-transfer journeys of flow F5 (S1 ¶54-58). */
final class TransferScenarios {
  private TransferScenarios() {}

  static List<DemoScenario> all() {
    return List.of(
        new Transfer(), new TransferFromCashCard(), new TransferDeclined(), new TransferWrongPin());
  }

  /** Hanako buys a seat by account transfer; the ticket lands on her card with a receipt. */
  static final class Transfer implements DemoScenario {
    @Override
    public String name() {
      return "transfer";
    }

    @Override
    public String title() {
      return "a customer buys a seat by account transfer and gets the ticket on the IC card (F5)";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      long hanakoBefore = run.balance(hanako.account());
      long issuerBefore = run.balance(Branch.ISSUER_ACCOUNT);
      EventSummary concert = branch.plugin().center().events().get(0);
      Seat seat = run.firstFreeSeat(concert.eventId());
      SessionOutcome bought =
          run.session(
              hanako,
              run.customer()
                  .on("select-event", concert.eventId().value())
                  .on("select-seat", seat.seatId().value())
                  .on("choose-payment", "transfer"));
      run.check(
          bought.result() == SessionOutcome.Result.COMPLETED,
          "session completed: " + bought.result() + " " + bought.detail());
      run.check(
          run.balance(hanako.account()) == hanakoBefore - seat.price().yen(),
          "customer account debited by exactly " + seat.price());
      run.check(
          run.balance(Branch.ISSUER_ACCOUNT) == issuerBefore + seat.price().yen(),
          "issuer account credited by exactly " + seat.price());
      run.check(
          run.status(concert.eventId(), seat) == Seat.Status.SOLD,
          "seat " + seat.seatId() + " sold");
      run.writeCardView(hanako);
      Optional<Path> receipt = run.latestReceipt();
      run.check(receipt.isPresent(), "receipt printed");
      run.out().println("  ticket " + bought.ticketNumber().orElse("-"));
    }
  }

  /**
   * Hanako pays from her account at another bank (S1 ¶56): she swipes that bank's cash card and
   * types its PIN; that account pays, the one her IC card holds is untouched.
   */
  static final class TransferFromCashCard implements DemoScenario {
    @Override
    public String name() {
      return "transfer-other-bank-card";
    }

    @Override
    public String title() {
      return "account transfer from another bank's cash card swiped on the reader, with its PIN";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      BranchCards.CashCard cashCard = BranchCards.OTHER_BANK_CASH_CARD;
      long icAccountBefore = run.balance(hanako.account());
      long otherBefore = run.balance(cashCard.account());
      long issuerBefore = run.balance(Branch.ISSUER_ACCOUNT);
      EventSummary concert = branch.plugin().center().events().get(0);
      Seat seat = run.firstFreeSeat(concert.eventId());
      SessionOutcome bought =
          run.session(
              hanako,
              run.customer()
                  .on("select-event", concert.eventId().value())
                  .on("select-seat", seat.seatId().value())
                  .on("choose-payment", "transfer-card")
                  .on(
                      "swipe-cash-card",
                      screen -> {
                        run.out().println("    (swipes " + cashCard.number().masked() + ")");
                        BranchCards.swipeAtNextRead(branch, cashCard);
                        return Answer.cancel();
                      }),
              cashCard.pin());
      run.check(
          bought.result() == SessionOutcome.Result.COMPLETED,
          "session completed: " + bought.result() + " " + bought.detail());
      run.check(
          run.balance(cashCard.account()) == otherBefore - seat.price().yen(),
          "other bank's account " + cashCard.account().masked() + " debited by " + seat.price());
      run.check(
          run.balance(hanako.account()) == icAccountBefore, "the IC card's account untouched");
      run.check(
          run.balance(Branch.ISSUER_ACCOUNT) == issuerBefore + seat.price().yen(),
          "issuer account credited by exactly " + seat.price());
      run.check(
          run.status(concert.eventId(), seat) == Seat.Status.SOLD,
          "seat " + seat.seatId() + " sold");
      run.writeCardView(hanako);
      Optional<Path> receipt = run.latestReceipt();
      run.check(receipt.isPresent(), "receipt printed");
      if (receipt.isPresent()) {
        String text = java.nio.file.Files.readString(receipt.get());
        run.check(
            text.contains("FROM " + cashCard.account().masked())
                && !text.contains(cashCard.account().value()),
            "receipt names the paying account, masked");
      }
    }
  }

  /**
   * Taro cannot pay (response 51), is returned to the choice of payment (S1 ¶58) and cancels:
   * nothing moved, the seat is free, the center cancelled the reservation, the card is untouched.
   */
  static final class TransferDeclined implements DemoScenario {
    @Override
    public String name() {
      return "transfer-declined";
    }

    @Override
    public String title() {
      return "insufficient funds (51): back to the choice of payment, cancel, nothing moved";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer taro = Branch.CUSTOMERS.get(1);
      EventSummary concert = branch.plugin().center().events().get(0);
      long taroBefore = run.balance(taro.account());
      long issuerBefore = run.balance(Branch.ISSUER_ACCOUNT);
      Seat other = run.firstFreeSeat(concert.eventId());
      ScriptedCustomer declined =
          run.customer()
              .on("select-event", concert.eventId().value())
              .on("select-seat", other.seatId().value())
              .on("choose-payment", "transfer")
              .on("choose-payment", "cancel");
      SessionOutcome cancelled = run.session(taro, declined);
      run.check(
          cancelled.result() == SessionOutcome.Result.CANCELLED,
          "session cancelled: " + cancelled.result());
      run.check(declined.screenIds().contains("payment-declined"), "decline shown to the customer");
      run.check(
          declined.screenIds().lastIndexOf("choose-payment")
              > declined.screenIds().indexOf("payment-declined"),
          "back to the choice of payment (S1 ¶58)");
      List<JournalEntry> journal =
          branch.plugin().journal().entries(new SessionId(cancelled.sessionId()));
      run.check(
          journal.stream().anyMatch(e -> "51".equals(e.facts().get("declineCode"))),
          "journal: bank declined with response code 51 (insufficient funds)");
      run.check(run.balance(taro.account()) == taroBefore, "no money moved");
      run.check(run.balance(Branch.ISSUER_ACCOUNT) == issuerBefore, "issuer balance unchanged");
      run.check(
          run.status(concert.eventId(), other) == Seat.Status.AVAILABLE,
          "seat " + other.seatId() + " free again");
      String reservation =
          journal.stream()
              .map(e -> e.facts().get("reservation"))
              .filter(r -> r != null)
              .reduce((first, last) -> last)
              .orElse("");
      JsonNode atCenter = run.reservationAtCenter(reservation);
      run.out().println("  [center] reservation " + reservation + ": " + atCenter);
      run.check(
          "CANCELLED".equals(atCenter.path("status").asText()) && !atCenter.has("ticketNumber"),
          "center: reservation " + reservation + " cancelled, no ticket issued");
      branch.insertCard(taro);
      try {
        run.check(
            branch.plugin().card().readRecords().isEmpty(), "nothing written to " + taro.cardId());
      } finally {
        branch.removeCard();
      }
    }
  }

  /**
   * Hanako mistypes her PIN: the bank answers 55, nothing moves, she is asked again and the right
   * PIN pays once.
   */
  static final class TransferWrongPin implements DemoScenario {
    @Override
    public String name() {
      return "transfer-wrong-pin";
    }

    @Override
    public String title() {
      return "a wrong PIN (55) moves nothing and asks again; the right PIN pays once";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      long before = run.balance(hanako.account());
      long issuerBefore = run.balance(Branch.ISSUER_ACCOUNT);
      EventSummary concert = branch.plugin().center().events().get(0);
      Seat seat = run.firstFreeSeat(concert.eventId());
      String wrong = Branch.demoPin(hanako).equals("0000") ? "1111" : "0000";
      ScriptedCustomer script =
          run.customer()
              .on("select-event", concert.eventId().value())
              .on("select-seat", seat.seatId().value())
              .on("choose-payment", "transfer")
              .on(
                  "wrong-pin",
                  screen -> {
                    run.out().println("    (types the right PIN)");
                    branch.typePinAtNextEntry(Branch.demoPin(hanako));
                    return Answer.cancel();
                  });
      SessionOutcome outcome = run.session(hanako, script, wrong);
      run.check(
          outcome.result() == SessionOutcome.Result.COMPLETED,
          "session completed: " + outcome.result() + " " + outcome.detail());
      run.check(script.screenIds().contains("wrong-pin"), "told the PIN was wrong");
      List<JournalEntry> journal =
          branch.plugin().journal().entries(new SessionId(outcome.sessionId()));
      run.check(
          journal.stream().anyMatch(e -> "55".equals(e.facts().get("declineCode"))),
          "journal: the bank declined the first attempt with 55");
      run.check(
          run.balance(hanako.account()) == before - seat.price().yen(),
          "customer debited once, by exactly " + seat.price());
      run.check(
          run.balance(Branch.ISSUER_ACCOUNT) == issuerBefore + seat.price().yen(),
          "issuer credited once");
      run.check(
          run.status(concert.eventId(), seat) == Seat.Status.SOLD,
          "seat " + seat.seatId() + " sold");
    }
  }
}
