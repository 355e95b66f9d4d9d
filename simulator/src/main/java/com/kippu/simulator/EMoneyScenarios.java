package com.kippu.simulator;

import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.SessionOutcome;
import java.util.List;

/** E-money held on the IC card (S1 ¶112), subtracted through the JavaPOS ElectronicValueRW. */
final class EMoneyScenarios {
  private EMoneyScenarios() {}

  static List<DemoScenario> all() {
    return List.of(new Paid(), new Insufficient());
  }

  /** Hanako pays from her card's purse; the purse's own record goes to the issuer. */
  static final class Paid implements DemoScenario {
    @Override
    public String name() {
      return "emoney";
    }

    @Override
    public String title() {
      return "e-money on the IC card pays: the purse's record is the proof the issuer checks";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      long purseBefore = run.purseYen(hanako);
      long accountBefore = run.balance(hanako.account());
      EventSummary concert = branch.plugin().center().events().get(0);
      Seat seat = run.firstFreeSeat(concert.eventId());
      SessionOutcome bought =
          run.session(
              hanako,
              run.customer()
                  .on("select-event", concert.eventId().value())
                  .on("select-seat", seat.seatId().value())
                  .on("choose-payment", "emoney"));
      run.check(
          bought.result() == SessionOutcome.Result.COMPLETED,
          "session completed: " + bought.result() + " " + bought.detail());
      run.check(
          run.purseYen(hanako) == purseBefore - seat.price().yen(),
          "purse " + purseBefore + " -> " + run.purseYen(hanako) + " yen: exactly the price");
      run.check(run.balance(hanako.account()) == accountBefore, "bank account untouched");
      run.check(
          run.status(concert.eventId(), seat) == Seat.Status.SOLD,
          "seat " + seat.seatId() + " sold");
      List<JournalEntry> journal =
          branch.plugin().journal().entries(new SessionId(bought.sessionId()));
      run.check(
          journal.stream().anyMatch(e -> hanako.cardId().equals(e.facts().get("pay.purseId"))),
          "journal: the purse's record (card, sequence) kept as the proof");
      run.writeCardView(hanako);
      run.check(run.latestReceipt().isPresent(), "receipt printed");
    }
  }

  /** Taro's purse holds too little: declined, back to the choice, cancel; nothing moved. */
  static final class Insufficient implements DemoScenario {
    @Override
    public String name() {
      return "emoney-insufficient";
    }

    @Override
    public String title() {
      return "too little e-money: back to the choice of payment, cancel, purse untouched";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer taro = Branch.CUSTOMERS.get(1);
      long purseBefore = run.purseYen(taro);
      EventSummary concert = branch.plugin().center().events().get(0);
      Seat seat = run.firstFreeSeat(concert.eventId());
      var script =
          run.customer()
              .on("select-event", concert.eventId().value())
              .on("select-seat", seat.seatId().value())
              .on("choose-payment", "emoney")
              .on("choose-payment", "cancel");
      SessionOutcome outcome = run.session(taro, script);
      run.check(
          outcome.result() == SessionOutcome.Result.CANCELLED,
          "session cancelled: " + outcome.result());
      run.check(
          script.screenIds().contains("payment-declined")
              && script.screenIds().lastIndexOf("choose-payment")
                  > script.screenIds().indexOf("payment-declined"),
          "declined, back to the choice of payment (S1 ¶58)");
      run.check(run.purseYen(taro) == purseBefore, "purse untouched: " + purseBefore + " yen");
      run.check(
          run.status(concert.eventId(), seat) == Seat.Status.AVAILABLE,
          "seat " + seat.seatId() + " free again");
    }
  }
}
