package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.Denomination;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The cash journeys of flow F5 (S1 ¶57, S2 ¶23): change, too little, a cancel. */
final class CashScenarios {
  private CashScenarios() {}

  static List<DemoScenario> all() {
    return List.of(new Cash(), new CashShort(), new CashCancel());
  }

  /** What the customer, the bank and the cash unit hold before a journey, to add up after it. */
  private record Before(long customerYen, long issuerYen, CashCounts stock) {
    static Before of(DemoRun run, Branch.Customer customer) throws Exception {
      return new Before(
          run.balance(customer.account()),
          run.balance(Branch.ISSUER_ACCOUNT),
          CashLedger.read(run.branch().cashCountsFile()).stock());
    }
  }

  /** Hanako pays a seat with more cash than its price; the change comes out of the unit. */
  static final class Cash implements DemoScenario {
    @Override
    public String name() {
      return "cash";
    }

    @Override
    public String title() {
      return "a customer pays in cash with more than the price and gets the change (F5)";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      EventSummary concert = run.branch().plugin().center().events().get(0);
      Seat seat = run.firstFreeSeat(concert.eventId());
      long price = seat.price().yen();
      CashCounts notes = CashCounts.of(Denomination.NOTE_10000, (int) (price / 10_000 + 1));
      Before before = Before.of(run, hanako);
      SessionOutcome bought =
          session(
              run,
              hanako,
              run.customer()
                  .on("select-event", concert.eventId().value())
                  .on("select-seat", seat.seatId().value())
                  .on("choose-payment", "cash")
                  .on("insert-cash", inserting(run, notes)));
      run.check(
          bought.result() == SessionOutcome.Result.COMPLETED,
          "session completed: " + bought.result() + " " + bought.detail());
      CashCounts change = takeChange(run);
      run.check(
          change.total() == notes.total() - price,
          "change returned: " + describe(change) + " = " + (notes.total() - price) + " yen");
      run.check(
          run.balance(Branch.ISSUER_ACCOUNT) == before.issuerYen() + price,
          "issuer account credited by exactly " + seat.price());
      run.check(
          run.balance(hanako.account()) == before.customerYen(),
          "customer account untouched: paid in cash");
      checkCounts(run, before.stock().plus(notes).minus(change));
      run.check(
          run.status(concert.eventId(), seat) == Seat.Status.SOLD,
          "seat " + seat.seatId() + " sold");
      run.writeCardView(hanako);
      Optional<Path> receipt = run.latestReceipt();
      run.check(
          receipt.isPresent()
              && java.nio.file.Files.readString(receipt.get()).contains("PAID IN CASH"),
          "receipt names CASH");
      List<JournalEntry> journal = journal(run, bought);
      run.check(
          "cash".equals(fact(journal, "method")) && !fact(journal, "reference").isEmpty(),
          "journal: paid by cash, RRN " + fact(journal, "reference"));
      run.out().println("  ticket " + bought.ticketNumber().orElse("-"));
    }
  }

  /** Taro inserts too little, is told how much is still due, inserts the rest and completes. */
  static final class CashShort implements DemoScenario {
    @Override
    public String name() {
      return "cash-short";
    }

    @Override
    public String title() {
      return "too little cash: told to insert more, then enough; the purchase completes";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch.Customer taro = Branch.CUSTOMERS.get(1);
      EventSummary concert = run.branch().plugin().center().events().get(0);
      Seat seat = run.firstFreeSeat(concert.eventId());
      long price = seat.price().yen();
      CashCounts first = CashCounts.of(Denomination.NOTE_5000, 1);
      CashCounts rest = CashCounts.of(Denomination.NOTE_10000, (int) (price / 10_000 + 1));
      Before before = Before.of(run, taro);
      ScriptedCustomer customer =
          run.customer()
              .on("select-event", concert.eventId().value())
              .on("select-seat", seat.seatId().value())
              .on("choose-payment", "cash")
              .on("insert-cash", inserting(run, first))
              .on("insert-more", inserting(run, rest));
      SessionOutcome bought = session(run, taro, customer);
      run.check(
          bought.result() == SessionOutcome.Result.COMPLETED,
          "session completed: " + bought.result() + " " + bought.detail());
      Optional<Screen> more =
          customer.transcript().stream().filter(s -> s.id().equals("insert-more")).findFirst();
      run.check(
          more.isPresent(),
          "told to insert more: " + more.map(s -> String.join(" / ", s.lines())).orElse("-"));
      CashCounts inserted = first.plus(rest);
      CashCounts change = takeChange(run);
      run.check(change.total() == inserted.total() - price, "change returned: " + describe(change));
      run.check(
          run.balance(Branch.ISSUER_ACCOUNT) == before.issuerYen() + price,
          "issuer account credited by exactly " + seat.price());
      checkCounts(run, before.stock().plus(inserted).minus(change));
      run.check(
          run.status(concert.eventId(), seat) == Seat.Status.SOLD,
          "seat " + seat.seatId() + " sold");
      run.writeCardView(taro);
    }
  }

  /**
   * Hanako inserts some cash, cancels, and leaves at the choice of payment: exactly her notes come
   * back, nothing is credited, the seat is free and the center cancelled the reservation.
   */
  static final class CashCancel implements DemoScenario {
    @Override
    public String name() {
      return "cash-cancel";
    }

    @Override
    public String title() {
      return "cash inserted, then cancelled: exactly those notes repaid, nothing credited";
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      EventSummary concert = run.branch().plugin().center().events().get(0);
      Seat seat = run.firstFreeSeat(concert.eventId());
      CashCounts some =
          CashCounts.of(Denomination.NOTE_5000, 1).plus(CashCounts.of(Denomination.NOTE_1000, 2));
      Before before = Before.of(run, hanako);
      run.branch().cashSlot().takeReturned();
      SessionOutcome cancelled =
          session(
              run,
              hanako,
              run.customer()
                  .on("select-event", concert.eventId().value())
                  .on("select-seat", seat.seatId().value())
                  .on("choose-payment", "cash")
                  .on("insert-cash", inserting(run, some))
                  .on("insert-more", "cancel")
                  .on("choose-payment", "cancel"));
      run.check(
          cancelled.result() == SessionOutcome.Result.CANCELLED,
          "session cancelled: " + cancelled.result());
      CashCounts back = run.branch().cashSlot().takeReturned();
      run.out().println("  [cash] customer takes back " + describe(back));
      run.check(back.equals(some), "exactly the notes inserted repaid: " + describe(back));
      run.check(
          run.balance(Branch.ISSUER_ACCOUNT) == before.issuerYen(), "nothing credited to issuer");
      checkCounts(run, before.stock());
      run.check(
          run.status(concert.eventId(), seat) == Seat.Status.AVAILABLE,
          "seat " + seat.seatId() + " free again");
      List<JournalEntry> journal = journal(run, cancelled);
      run.check(
          journal.stream().noneMatch(e -> e.facts().containsKey("reference")),
          "journal: no payment approved");
      String reservation = fact(journal, "reservation");
      JsonNode atCenter = run.reservationAtCenter(reservation);
      run.out().println("  [center] reservation " + reservation + ": " + atCenter);
      run.check(
          "CANCELLED".equals(atCenter.path("status").asText()),
          "center: reservation " + reservation + " cancelled");
    }
  }

  /**
   * A session with the customer's IC card; cash asks for no PIN, so none is typed (the transfer
   * journeys' {@link DemoRun#session} types one).
   */
  private static SessionOutcome session(
      DemoRun run, Branch.Customer customer, ScriptedCustomer script) {
    Branch branch = run.branch();
    run.out().println("  [card] " + customer.cardId() + " inserted");
    branch.cashSlot().takeDispensed();
    branch.insertCard(customer);
    try {
      SessionOutcome outcome =
          branch.plugin().run(TicketingPlugin.RESERVE_PAY_ISSUE, run.watched(script));
      run.out()
          .println(
              "  [session] "
                  + outcome.sessionId()
                  + " "
                  + outcome.result()
                  + (outcome.detail().isEmpty() ? "" : " (" + outcome.detail() + ")"));
      return outcome;
    } finally {
      branch.removeCard();
      run.out().println("  [card] " + customer.cardId() + " returned");
    }
  }

  /** The customer puts {@code cash} into the slot and presses Done. */
  private static Function<Screen, Answer> inserting(DemoRun run, CashCounts cash) {
    return screen -> {
      run.out().println("  [cash] customer inserts " + describe(cash));
      cash.denominations().forEach(d -> run.branch().cashSlot().insert(d, cash.count(d)));
      return Answer.chose("done");
    };
  }

  private static CashCounts takeChange(DemoRun run) {
    CashCounts change = run.branch().cashSlot().takeDispensed();
    run.out().println("  [cash] customer takes change " + describe(change));
    return change;
  }

  /** The counts file and the unit's own readCashCounts agree with what the journey moved. */
  private static void checkCounts(DemoRun run, CashCounts expected) throws Exception {
    CashLedger.Snapshot file = CashLedger.read(run.branch().cashCountsFile());
    CashCounts unit = run.branch().cash().orElseThrow().cashCounts().counts();
    run.out().println("  [unit] stock " + describe(file.stock()));
    run.check(
        file.stock().equals(expected) && unit.equals(expected),
        "cash unit counts agree: stock " + describe(expected));
    run.check(
        file.depositEscrow().isEmpty() && file.retracted().isEmpty(),
        "nothing left in escrow or the retract bin");
  }

  private static List<JournalEntry> journal(DemoRun run, SessionOutcome outcome) {
    return run.branch().plugin().journal().entries(new SessionId(outcome.sessionId()));
  }

  private static String fact(List<JournalEntry> journal, String key) {
    return journal.stream()
        .map(e -> e.facts().get(key))
        .filter(v -> v != null)
        .reduce((first, last) -> last)
        .orElse("");
  }

  private static String describe(CashCounts cash) {
    if (cash.isEmpty()) {
      return "nothing";
    }
    return cash.denominations().stream()
            .sorted(java.util.Comparator.reverseOrder())
            .map(d -> cash.count(d) + " x " + String.format("%,d", d.yen()))
            .collect(Collectors.joining(", "))
        + " yen";
  }
}
