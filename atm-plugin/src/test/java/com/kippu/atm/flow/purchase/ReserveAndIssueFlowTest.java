package com.kippu.atm.flow.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.CardRecordCodec;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.TestCardAccess;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.ReservationNumber;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.journal.FakeJournal;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.Money;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.ScriptedCustomer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ReserveAndIssueFlowTest {
  private final Fakes.FakeBank bank = new Fakes.FakeBank();
  private final Fakes.FakePinPad pinPad = new Fakes.FakePinPad();
  private final Fakes.FakeCard card =
      new Fakes.FakeCard(new ChipData(new CardId("KC-0001"), "Hanako", Fakes.CUSTOMER, 0));
  private final Fakes.FakePrinter printer = new Fakes.FakePrinter();
  private final FakeJournal journal = new FakeJournal(TicketingPlugin.FINAL_STATES);
  private final TicketCard tickets =
      new TicketCard(new CardRecordCodec(new SecureRandom()), TestCardAccess.terminal("ATM00001"));
  private final SessionId id = new SessionId("S1");
  private final Fakes.FakeClock clock = new Fakes.FakeClock(Instant.EPOCH);

  /** Journal entries and every fake's side effects, in the order they happened. */
  private final List<String> log = new ArrayList<>();

  private Fakes.FakeCenter center;

  @BeforeEach
  void setUp() throws Exception {
    center = new Fakes.FakeCenter();
    center.clock = clock;
    bank.balances.put(Fakes.CUSTOMER, 50_000L);
    bank.balances.put(Fakes.ISSUER, 0L);
    journal.logTo(log);
    bank.log = log;
    center.log = log;
    card.log = log;
    printer.log = log;
  }

  private FlowRunner.Result run(ScriptedCustomer customer) {
    ReserveAndIssueFlow flow =
        Fakes.flow(
            card,
            tickets,
            center,
            bank,
            pinPad,
            printer,
            customer,
            journal,
            clock,
            ConfirmHold.margin(Duration.ofSeconds(10), Duration.ofSeconds(10)));
    return flow.run(new PurchaseSession(id, Fakes.TERMINAL));
  }

  private static ScriptedCustomer buyer() {
    return new ScriptedCustomer()
        .on("select-event", "evt-1")
        .on("select-seat", "A-1-2")
        .on("choose-payment", "transfer");
  }

  @Test
  void paidTicketEndsOnTheCardWithAReceipt() throws Exception {
    FlowRunner.Result result = run(buyer());

    assertTrue(result.completed(), result.reason());
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER));
    assertEquals(8800L, bank.balances.get(Fakes.ISSUER));
    assertEquals(Seat.Status.SOLD, center.seats.get(new SeatId("A-1-2")));
    assertEquals(1, TicketCard.tickets(tickets.read(card, card.chip.cardId())).size());
    assertEquals(1, printer.receipts.size());
    assertTrue(
        journal
            .states(id)
            .containsAll(List.of("pay.begin", "pay.done", "write-ticket.begin", "COMPLETED")));
  }

  @Test
  void everySideEffectHappensBetweenItsStepsBeginAndDoneEntries() {
    FlowRunner.Result result = run(buyer());

    assertTrue(result.completed(), result.reason());
    Map<String, String> effects = new LinkedHashMap<>();
    effects.put("hold-seats", "center.reserve");
    effects.put("pay", "bank.transfer");
    effects.put("issue-ticket", "center.issue");
    effects.put("write-ticket", "card.append");
    effects.put("print-receipt", "printer.print");
    effects.forEach(
        (step, effect) -> {
          int begin = log.indexOf("journal " + step + ".begin");
          int sideEffect = log.indexOf(effect);
          int done = log.indexOf("journal " + step + ".done");
          assertEquals(1, Collections.frequency(log, effect), effect + " once in " + log);
          assertTrue(begin >= 0, step + ".begin journaled: " + log);
          assertTrue(begin < sideEffect, step + ".begin before " + effect + ": " + log);
          assertTrue(sideEffect < done, effect + " before " + step + ".done: " + log);
        });
  }

  @Test
  void timesAreShownInTheTerminalsZoneToTheMinute() {
    ScriptedCustomer customer = buyer();

    run(customer);

    Screen choice =
        customer.transcript().stream()
            .filter(s -> s.id().equals("choose-payment"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        choice.lines().contains("Gala at Dome, 2026-12-24 18:00"), choice.lines().toString());
    assertTrue(
        choice.lines().contains("Seats held until 1970-01-01 09:10"), choice.lines().toString());
    Screen events =
        customer.transcript().stream()
            .filter(s -> s.id().equals("select-event"))
            .findFirst()
            .orElseThrow();
    assertTrue(
        events.lines().get(0).startsWith("Gala | Dome | 2026-12-24 18:00 |"),
        events.lines().toString());
    List<String> receipt = printer.receipts.get(0);
    assertTrue(receipt.contains("Dome  2026-12-24 18:00"), receipt.toString());
    assertTrue(receipt.get(1).startsWith("1970-01-01 09:00:00  TERM ATM00001"), receipt.toString());
  }

  @Test
  void declinedDebitReturnsToPaymentChoice() {
    bank.balances.put(Fakes.CUSTOMER, 100L);
    ScriptedCustomer customer = buyer().on("choose-payment", "cancel");

    FlowRunner.Result result = run(customer);

    assertEquals(FlowRunner.CANCELLED, result.state());
    assertEquals(
        2,
        Collections.frequency(customer.screenIds(), "choose-payment"),
        "back to the choice of payment after 51");
    assertTrue(customer.screenIds().contains("payment-declined"));
    assertEquals(Seat.Status.AVAILABLE, center.seats.get(new SeatId("A-1-2")), "hold released");
    assertTrue(card.records.isEmpty());
    assertTrue(center.tickets.isEmpty());
    assertEquals(100L, bank.balances.get(Fakes.CUSTOMER));
    assertEquals(0L, bank.balances.get(Fakes.ISSUER));
    assertTrue(journal.states(id).contains("pay.signal"));
    assertEquals(
        "transfer INSUFFICIENT_FUNDS",
        journal.entries(id).stream()
            .filter(e -> e.state().equals("pay.signal"))
            .findFirst()
            .orElseThrow()
            .facts()
            .get("reason"));
  }

  @Test
  void transferIsPaidWithThePinOfTheChipAccountsCashCard() {
    FlowRunner.Result result = run(buyer());

    assertTrue(result.completed(), result.reason());
    CardNumber cashCard = CardNumber.ofCashAccount(Fakes.CUSTOMER);
    assertEquals(List.of(cashCard), pinPad.asked);
    assertEquals(cashCard, bank.transfers.get(0).card());
  }

  @Test
  void blockedCardClosesTransferForTheRestOfTheSession() {
    bank.declinesWith = "75";
    ScriptedCustomer customer = buyer().on("choose-payment", "cancel");

    FlowRunner.Result result = run(customer);

    assertEquals(FlowRunner.CANCELLED, result.state());
    List<List<String>> offered =
        customer.transcript().stream()
            .filter(s -> s.id().equals("choose-payment"))
            .map(s -> s.choices().stream().map(c -> c.key()).toList())
            .toList();
    assertEquals(List.of(List.of("transfer", "cancel"), List.of("cancel")), offered);
    assertEquals(1, bank.transfers.size());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER));
  }

  @Test
  void cancelledPinEntryReturnsToPaymentChoiceWithoutTouchingTheBank() {
    pinPad.cancels = true;
    ScriptedCustomer customer = buyer().on("choose-payment", "cancel");

    FlowRunner.Result result = run(customer);

    assertEquals(FlowRunner.CANCELLED, result.state());
    assertEquals(2, Collections.frequency(customer.screenIds(), "choose-payment"));
    assertTrue(customer.screenIds().contains("payment-declined"));
    assertTrue(journal.states(id).contains("pay.refused"), journal.states(id).toString());
    assertFalse(log.contains("bank.transfer"), log.toString());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER));
    assertEquals(Seat.Status.AVAILABLE, center.seats.get(new SeatId("A-1-2")), "hold released");
    assertFalse(
        journal.entries(id).stream().anyMatch(e -> e.facts().containsKey("payment")),
        "no payment journaled without a PIN");
  }

  @Test
  void takenSeatSendsCustomerBackToSeatChoice() {
    center.seats.put(new SeatId("A-1-1"), Seat.Status.AVAILABLE);
    ScriptedCustomer customer =
        new ScriptedCustomer()
            .on("select-event", "evt-1")
            .on(
                "select-seat",
                screen -> {
                  center.seats.put(
                      new SeatId("A-1-2"), Seat.Status.HELD); // another terminal wins the race
                  return Answer.chose("A-1-2");
                })
            .on("select-event", "evt-1")
            .on("select-seat", "A-1-3")
            .on("choose-payment", "transfer");

    FlowRunner.Result result = run(customer);

    assertTrue(result.completed(), result.reason());
    assertTrue(customer.screenIds().contains("seat-taken"));
    assertEquals(Seat.Status.SOLD, center.seats.get(new SeatId("A-1-3")));
  }

  @Test
  void refusedIssuanceReversesTheDebitAndReleasesTheSeat() {
    center.issueRefusal = "AMOUNT_MISMATCH";

    FlowRunner.Result result = run(buyer());

    assertEquals(FlowRunner.FAILED, result.state());
    assertEquals(1, bank.reversed.size());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER));
    assertEquals(0L, bank.balances.get(Fakes.ISSUER));
    assertEquals(Seat.Status.AVAILABLE, center.seats.get(new SeatId("A-1-2")));
    assertTrue(journal.states(id).contains("pay.compensated"));
  }

  @Test
  void aLostHoldAnswerIsAskedAgainUnderTheSameRequestNumber() {
    center.reserveAnswersLost = 1;

    FlowRunner.Result result = run(buyer());

    assertTrue(result.completed(), result.reason());
    assertEquals(1, center.reservations.size(), "one hold, not two");
    assertEquals(Seat.Status.SOLD, center.seats.get(new SeatId("A-1-2")));
  }

  @Test
  void aHoldWhoseAnswerNeverComesIsReleasedByRecoveryAndNothingIsPaid() {
    center.reserveAnswersLost = AskAgain.ATTEMPTS;
    ScriptedCustomer customer = buyer();

    FlowRunner.Result result = run(customer);

    assertEquals(FlowRunner.UNSETTLED, result.state(), result.reason());
    assertTrue(bank.transfers.isEmpty());
    assertFalse(customer.screenIds().contains("ticket-pending"), customer.screenIds().toString());
    assertTrue(printer.receipts.isEmpty(), "no slip: no money taken");
    assertEquals(Seat.Status.HELD, center.seats.get(new SeatId("A-1-2")), "held at the center");

    List<PurchaseRecovery.Recovered> recovered = Fakes.recovery(journal, center, bank).run();

    assertEquals(PurchaseRecovery.Action.HOLD_RELEASED, recovered.get(0).action());
    assertEquals(Seat.Status.AVAILABLE, center.seats.get(new SeatId("A-1-2")));
    assertEquals(List.of(), journal.openSessions());
  }

  @Test
  void aPaymentTheCenterSaysBoughtAnotherTicketIsNeverTakenBackLive() {
    center.issueRefusal = "PAYMENT_ALREADY_USED";

    FlowRunner.Result result = run(buyer());

    assertEquals(FlowRunner.UNSETTLED, result.state(), result.reason());
    assertTrue(bank.reversed.isEmpty(), "someone may hold a ticket this payment bought");
    List<PurchaseRecovery.Recovered> recovered = Fakes.recovery(journal, center, bank).run();
    assertEquals(PurchaseRecovery.Action.NEEDS_STAFF, recovered.get(0).action());
  }

  @Test
  void silentCenterLeavesThePaymentStandingAndTheSessionForRecovery() {
    center.failIssue = true;
    ScriptedCustomer customer = buyer();

    FlowRunner.Result result = run(customer);

    assertEquals(FlowRunner.UNSETTLED, result.state(), result.reason());
    assertEquals(
        AskAgain.ATTEMPTS,
        log.stream().filter("center.issue"::equals).count(),
        "issuance is asked again before it is left to recovery");
    assertTrue(bank.reversed.isEmpty(), "a ticket may exist: the payment is not taken back");
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER));
    assertEquals(List.of(id), journal.openSessions(), "left open for recovery");
    assertTrue(customer.screenIds().contains("ticket-pending"), customer.screenIds().toString());
    assertTrue(
        printer.receipts.get(0).contains("PAYMENT TAKEN - TICKET PENDING"),
        printer.receipts.toString());

    center.failIssue = false;
    List<PurchaseRecovery.Recovered> recovered = Fakes.recovery(journal, center, bank).run();

    assertEquals(PurchaseRecovery.Action.TICKET_ISSUED, recovered.get(0).action());
    assertEquals(Seat.Status.SOLD, center.seats.get(new SeatId("A-1-2")));
    List<String> states = journal.states(id);
    assertEquals(PurchaseRecovery.RECOVERED, states.get(states.size() - 1));
  }

  @Test
  void cardWriteFailureKeepsThePaidTicket() {
    card.failWrites = true;

    FlowRunner.Result result = run(buyer());

    assertEquals(FlowRunner.FAILED, result.state());
    assertTrue(bank.reversed.isEmpty(), "a ticket was issued for the money; no reversal");
    assertEquals(Seat.Status.SOLD, center.seats.get(new SeatId("A-1-2")));
    assertFalse(center.tickets.isEmpty());
  }

  @ParameterizedTest
  @ValueSource(strings = {"reservation", "card", "seats", "payment"})
  void ticketThatDoesNotMatchTheSessionIsNeverWrittenAndTheDebitIsReversed(String wrong) {
    center.answerTicket = t -> altered(t, wrong);

    FlowRunner.Result result = run(buyer());

    assertEquals(FlowRunner.FAILED, result.state());
    assertTrue(result.reason().contains("refused: it names " + wrong), result.reason());
    assertTrue(card.records.isEmpty(), "nothing written to the card");
    assertFalse(log.contains("card.append"), log.toString());
    assertEquals(1, bank.reversed.size());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER));
    assertEquals(0L, bank.balances.get(Fakes.ISSUER));
    List<String> states = journal.states(id);
    assertTrue(states.contains("issue-ticket.fail"), states.toString());
    assertFalse(states.contains("write-ticket.begin"), states.toString());
    int compensate = log.indexOf("journal pay.compensate");
    assertTrue(
        compensate >= 0 && compensate < log.indexOf("bank.reverse"),
        "reversal journaled before it is sent: " + log);
    assertTrue(
        log.indexOf("bank.reverse") < log.indexOf("journal pay.compensated"), log.toString());
    assertFalse(
        log.contains("center.cancel R1"), "the center issued R1; it cannot be released: " + log);
    assertEquals(FlowRunner.FAILED, states.get(states.size() - 1), states.toString());
    List<JournalEntry> entries = journal.entries(id);
    assertEquals(
        "TR1",
        entries.get(entries.size() - 1).facts().get("refusedTicket"),
        "the final entry names the ticket the issuer must void");
    assertTrue(result.reason().contains("the issuer must void it"), result.reason());
    assertTrue(journal.openSessions().isEmpty(), "nothing left for recovery to retry");
  }

  private static Ticket altered(Ticket t, String wrong) {
    ReservationNumber reservation =
        wrong.equals("reservation") ? new ReservationNumber("R99") : t.reservationNumber();
    CardId cardId = wrong.equals("card") ? new CardId("KC-9999") : t.cardId();
    List<ReservedSeat> seats =
        wrong.equals("seats")
            ? List.of(new ReservedSeat(new SeatId("A-1-3"), "A", "1", 3, Money.yen(8800)))
            : t.seats();
    PaymentProof payment =
        wrong.equals("payment")
            ? PaymentProof.of(
                t.payment().method(),
                t.payment().amount(),
                "RRN-OTHER",
                t.payment().approvalCode(),
                t.payment().stan(),
                t.payment().paidAt(),
                t.payment().acquirer())
            : t.payment();
    return new Ticket(
        t.ticketNumber(),
        t.issueNumber(),
        t.issuerId(),
        t.issuerName(),
        t.issuedAt(),
        cardId,
        t.eventId(),
        t.title(),
        t.venue(),
        t.startsAt(),
        seats,
        payment,
        reservation,
        t.signed());
  }

  @Test
  void lapsedHoldIsNotDebitedAndTheCustomerChoosesSeatsAgain() {
    ScriptedCustomer customer =
        new ScriptedCustomer()
            .on("select-event", "evt-1")
            .on("select-seat", "A-1-2")
            .on(
                "choose-payment",
                screen -> {
                  clock.advance(center.hold.plusSeconds(1)); // the customer walked away
                  return Answer.chose("transfer");
                })
            .on("select-event", "evt-1")
            .on("select-seat", "A-1-2")
            .on("choose-payment", "transfer");

    FlowRunner.Result result = run(customer);

    assertTrue(result.completed(), result.reason());
    assertTrue(customer.screenIds().contains("hold-lapsed"), customer.screenIds().toString());
    assertEquals(1, Collections.frequency(log, "bank.transfer"), "one debit, for the new hold");
    assertTrue(
        log.indexOf("center.cancel R1") < log.indexOf("bank.transfer"),
        "lapsed hold released first: " + log);
    assertEquals(2, Collections.frequency(log, "center.reserve"), log.toString());
    assertTrue(bank.reversed.isEmpty());
    assertTrue(journal.states(id).contains("confirm-hold.signal"));
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER));
  }

  @Test
  void holdEndingWithinTheSafetyMarginIsNotDebited() {
    ScriptedCustomer customer =
        new ScriptedCustomer()
            .on("select-event", "evt-1")
            .on("select-seat", "A-1-2")
            .on(
                "choose-payment",
                screen -> {
                  // 20 s left: less than a debit and an issuance may take (30 s)
                  clock.advance(center.hold.minusSeconds(20));
                  return Answer.chose("transfer");
                });

    FlowRunner.Result result = run(customer);

    assertEquals(FlowRunner.CANCELLED, result.state(), "cancelled back at the choice of event");
    assertTrue(customer.screenIds().contains("hold-lapsed"), customer.screenIds().toString());
    assertFalse(log.contains("bank.transfer"), log.toString());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER));
    assertEquals(Seat.Status.AVAILABLE, center.seats.get(new SeatId("A-1-2")), "hold released");
    assertTrue(center.tickets.isEmpty());
  }

  @Test
  void holdGrantedShorterThanTheSafetyMarginEndsTheSessionOnce() {
    center.hold = Duration.ofSeconds(30); // the margin with 10 s timeouts is 30 s too
    ScriptedCustomer customer = buyer();

    FlowRunner.Result result = run(customer);

    assertEquals(FlowRunner.FAILED, result.state());
    assertTrue(result.reason().contains("timeouts are too long"), result.reason());
    assertEquals(1, Collections.frequency(log, "center.reserve"), "not sent round again: " + log);
    assertEquals(
        List.of("hold-too-short"),
        customer.screenIds().stream().filter(s -> s.startsWith("hold")).toList());
    assertFalse(log.contains("bank.transfer"), log.toString());
    assertEquals(Seat.Status.AVAILABLE, center.seats.get(new SeatId("A-1-2")), "hold released");
    assertTrue(journal.openSessions().isEmpty());
  }

  @Test
  void centerClockBehindByMoreThanTheSlackEndsTheSessionOnce() {
    // 10 min hold, but the center's clock is 10 min behind: the hold already looks lapsed.
    center.clock = new Fakes.FakeClock(Instant.EPOCH.minus(Duration.ofMinutes(10)));

    FlowRunner.Result result = run(buyer());

    assertEquals(FlowRunner.FAILED, result.state());
    assertEquals(1, Collections.frequency(log, "center.reserve"), log.toString());
    assertFalse(log.contains("bank.transfer"), log.toString());
    assertEquals(Seat.Status.AVAILABLE, center.seats.get(new SeatId("A-1-2")), "hold released");
  }

  @Test
  void holdOutlastingTheSafetyMarginIsDebited() {
    ScriptedCustomer customer =
        new ScriptedCustomer()
            .on("select-event", "evt-1")
            .on("select-seat", "A-1-2")
            .on(
                "choose-payment",
                screen -> {
                  clock.advance(center.hold.minusSeconds(31));
                  return Answer.chose("transfer");
                });

    FlowRunner.Result result = run(customer);

    assertTrue(result.completed(), result.reason());
    assertFalse(customer.screenIds().contains("hold-lapsed"));
  }
}
