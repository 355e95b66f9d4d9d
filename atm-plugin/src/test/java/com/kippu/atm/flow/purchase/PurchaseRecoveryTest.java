package com.kippu.atm.flow.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.CardRecordCodec;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.TestCardAccess;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.ReservationNumber;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.journal.FakeJournal;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.Money;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.atm.recovery.PurchaseRecovery.Action;
import com.kippu.atm.spi.ScriptedCustomer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Power lost at each point of F5, then the terminal restarts: money always ends in a ticket or a
 * reversal.
 */
class PurchaseRecoveryTest {
  private final Fakes.FakeBank bank = new Fakes.FakeBank();
  private final Fakes.FakePinPad pinPad = new Fakes.FakePinPad();
  private final Fakes.FakeCard card =
      new Fakes.FakeCard(new ChipData(new CardId("KC-0001"), "Hanako", Fakes.CUSTOMER, 0));
  private final Fakes.FakePrinter printer = new Fakes.FakePrinter();
  private final FakeJournal journal = new FakeJournal(TicketingPlugin.FINAL_STATES);
  private final SeatId seat = new SeatId("A-1-2");
  private final TicketCard tickets =
      new TicketCard(new CardRecordCodec(new SecureRandom()), TestCardAccess.terminal("ATM00001"));
  private Fakes.FakeCenter center;

  @BeforeEach
  void setUp() throws Exception {
    center = new Fakes.FakeCenter();
    bank.balances.put(Fakes.CUSTOMER, 50_000L);
    bank.balances.put(Fakes.ISSUER, 0L);
  }

  private void crash(ScriptedCustomer customer) {
    ReserveAndIssueFlow flow =
        Fakes.flow(
            card,
            new TicketCard(
                new CardRecordCodec(new SecureRandom()), TestCardAccess.terminal("ATM00001")),
            center,
            bank,
            pinPad,
            printer,
            customer,
            journal,
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            Duration.ofSeconds(30));
    PurchaseSession session = new PurchaseSession(new SessionId("S1"), Fakes.TERMINAL);
    assertThrows(Fakes.PowerLoss.class, () -> flow.run(session));
    assertEquals(
        List.of(new SessionId("S1")), journal.openSessions(), "the crash left the session open");
  }

  private static ScriptedCustomer buyer() {
    return new ScriptedCustomer()
        .on("select-event", "evt-1")
        .on("select-seat", "A-1-2")
        .on("choose-payment", "transfer");
  }

  private PurchaseRecovery.Recovered restart() {
    List<PurchaseRecovery.Recovered> recovered = Fakes.recovery(journal, center, bank).run();
    assertEquals(1, recovered.size());
    return recovered.get(0);
  }

  @Test
  void paidButNotIssuedIsIssuedAtRestart() {
    center.powerFailsDuringIssue = true;
    crash(buyer());

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.TICKET_ISSUED, r.action(), r.detail());
    assertEquals(1, center.tickets.size(), "the debit ends in a ticket");
    assertEquals(Seat.Status.SOLD, center.seats.get(seat));
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER));
    assertTrue(journal.openSessions().isEmpty());
    assertTrue(bank.kept.isEmpty(), "the payment stands: the link may forget it");
  }

  @Test
  void aTicketWhosePrintingACrashLeftUnconfirmedIsVoidedAndItsReplacementWrittenToTheCard()
      throws Exception {
    Fakes.flow(
            card,
            tickets,
            center,
            bank,
            pinPad,
            printer,
            buyer(),
            journal,
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            Duration.ofSeconds(30))
        .run(new PurchaseSession(new SessionId("S1"), Fakes.TERMINAL));
    Map<String, String> printing =
        new TreeMap<>(journal.entries(new SessionId("S1")).get(0).facts());
    printing.putAll(last(new SessionId("S1")));
    String issued = printing.get("ticket");
    printing.remove("ticketOnCard");
    printing.put("delivery", "print");
    printing.put("ticketPrinting", issued);
    journal.record(new SessionId("S2"), ReserveAndIssueFlow.NAME, "deliver-ticket.begin", printing);

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.TICKET_ALREADY_ISSUED, r.action(), r.detail());
    assertTrue(center.log.contains("center.replace " + issued), center.log.toString());
    Map<String, String> after = last(new SessionId("S2"));
    assertEquals(issued + "-R", after.get("ticket"));
    assertEquals(issued, after.get("replacesTicket"));
    assertEquals(
        1,
        journal.ticketsAwaitingCard("KC-0001").size(),
        "the replacement, never printed, awaits the card");
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER), "paid once, not reversed");
  }

  private Map<String, String> last(SessionId id) {
    List<com.kippu.atm.journal.JournalEntry> entries = journal.entries(id);
    return entries.get(entries.size() - 1).facts();
  }

  @Test
  void paidTicketRefusedForGoodIsReversedAtRestart() {
    center.powerFailsDuringIssue = true;
    crash(buyer());
    center.issueRefusal = "RESERVATION_EXPIRED";

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.PAYMENT_REVERSED, r.action(), r.detail());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER), "the debit ends in a reversal");
    assertEquals(0L, bank.balances.get(Fakes.ISSUER));
    assertTrue(center.tickets.isEmpty());
    assertTrue(journal.openSessions().isEmpty());
  }

  @Test
  void reversalConfirmedBeforeACrashIsNotLeftForARefundByHand() {
    center.powerFailsDuringIssue = true;
    crash(buyer());
    center.issueRefusal = "RESERVATION_EXPIRED";
    bank.powerFailsAfterReversal = true;
    assertThrows(Fakes.PowerLoss.class, () -> Fakes.recovery(journal, center, bank).run());
    assertEquals(
        "RESERVATION_EXPIRED", lastFacts().get("refusal"), "the crash left the reversal begun");

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.PAYMENT_REVERSED, r.action(), r.detail());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER), "refunded once, by the reversal");
    assertEquals(1, bank.reversed.size(), "not reversed twice");
    assertFalse(lastFacts().containsKey("staff"), lastFacts().toString());
    assertTrue(journal.openSessions().isEmpty());
  }

  @Test
  void crashWhileTakingThePaymentBackIsFinishedAsARefundNeverAsATicket() {
    center.issueRefusal = "AMOUNT_MISMATCH";
    bank.powerFailsAfterReversal = true;
    crash(buyer());
    assertEquals("true", lastFacts().get("takingBack"), "journaled before the rail was asked");
    center.issueRefusal = null;

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.PAYMENT_REVERSED, r.action(), r.detail());
    assertTrue(center.tickets.isEmpty(), "no ticket on a payment taken back");
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER));
    assertEquals(1, bank.reversed.size(), "reversed once");
    assertEquals(Seat.Status.AVAILABLE, center.seats.get(seat));
    assertTrue(journal.openSessions().isEmpty());
  }

  @Test
  void refusalThatMayMeanTheSeatWasPaidIsLeftToStaff() {
    center.powerFailsDuringIssue = true;
    crash(buyer());
    center.issueRefusal = "PAYMENT_ALREADY_USED";

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.NEEDS_STAFF, r.action());
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER), "nothing taken back");
    assertTrue(lastFacts().containsKey("staff"), "the journal names it for staff");
    assertTrue(journal.openSessions().isEmpty(), "final: not retried at every start");
  }

  @Test
  void refusedTicketWithoutAKeptPaymentEndsForARefundByHand() {
    center.powerFailsDuringIssue = true;
    crash(buyer());
    bank.kept.clear();
    center.issueRefusal = "RESERVATION_CANCELLED";

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.NEEDS_STAFF, r.action());
    assertTrue(r.detail().contains("refund by hand"), r.detail());
    assertTrue(lastFacts().get("staff").contains("refund by hand"), lastFacts().toString());
    assertTrue(journal.openSessions().isEmpty(), "final: not retried at every start");
  }

  @Test
  void ticketNamingAnotherCardIsReversedLikeTheCentersCardMismatch() {
    center.powerFailsDuringIssue = true;
    crash(buyer());
    center.issueRefusal = "CARD_MISMATCH";

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.PAYMENT_REVERSED, r.action(), r.detail());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER), "the debit ends in a reversal");
    assertTrue(journal.openSessions().isEmpty());
  }

  @Test
  void holdTheCenterIssuedIsLeftToStaffNotCancelledAtEveryStart() throws Exception {
    ReservationNumber r1 =
        center.reserve(Fakes.EVENT, List.of(seat), card.chip.cardId(), "S9-H1").number();
    center.issue(
        r1,
        card.chip.cardId(),
        PaymentProof.of(
            "ACCOUNT_TRANSFER", Money.yen(8800), "RRN9", "A9", "000009", Instant.EPOCH, "000001"));
    journal.record(
        new SessionId("S9"),
        ReserveAndIssueFlow.NAME,
        "hold-seats.compensate",
        Map.of("card", "KC-0001", "reservation", r1.value(), "moneyMayHaveMoved", "false"));

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.NEEDS_STAFF, r.action(), r.detail());
    assertTrue(r.detail().contains("must void"), r.detail());
    assertTrue(journal.openSessions().isEmpty(), "final: the refusal is not retried");
    assertTrue(Fakes.recovery(journal, center, bank).run().isEmpty());
  }

  @Test
  void sessionThatRefusedAnIssuedTicketIsLeftToStaffWithoutACancel() {
    journal.record(
        new SessionId("S9"),
        ReserveAndIssueFlow.NAME,
        "hold-seats.compensate",
        Map.of(
            "card",
            "KC-0001",
            "reservation",
            "R1",
            "moneyMayHaveMoved",
            "false",
            "refusedTicket",
            "TR1"));

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.NEEDS_STAFF, r.action(), r.detail());
    assertTrue(r.detail().contains("ticket TR1 of reservation R1"), r.detail());
    assertTrue(center.log.isEmpty(), "no cancel sent: " + center.log);
  }

  private Map<String, String> lastFacts() {
    List<JournalEntry> entries = journal.entries(new SessionId("S1"));
    return entries.get(entries.size() - 1).facts();
  }

  @Test
  void unknownDebitOutcomeKeepsTheHoldForTheReversal() {
    bank.powerFailsDuringTransfer = true;
    crash(buyer());

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.LEFT_TO_REVERSAL, r.action());
    assertEquals(
        Seat.Status.HELD,
        center.seats.get(seat),
        "STYLE ¶10: no release while money may have moved");
    assertTrue(center.tickets.isEmpty());
  }

  @Test
  void approvalTheJournalNeverHeardOfIsReversedAtRestart() {
    bank.powerFailsAfterApproval = true;
    crash(buyer());
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER), "debited before the crash");

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.PAYMENT_REVERSED, r.action(), r.detail());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER), "the debit ends in a reversal");
    assertEquals(0L, bank.balances.get(Fakes.ISSUER));
    assertEquals(Seat.Status.AVAILABLE, center.seats.get(seat), "no money stands: hold released");
    assertTrue(center.tickets.isEmpty());
    assertTrue(journal.openSessions().isEmpty());
  }

  @Test
  void holdWhoseAnswerTheCrashLostIsFoundByItsRequestNumberAndReleased() {
    center.powerFailsAfterReserve = true;
    crash(buyer());
    assertEquals(Seat.Status.HELD, center.seats.get(seat), "stored at the center, unknown here");
    center.powerFailsAfterReserve = false;

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.HOLD_RELEASED, r.action(), r.detail());
    assertEquals(Seat.Status.AVAILABLE, center.seats.get(seat));
    assertEquals(1, center.reservations.size(), "the same hold, asked for again, not a new one");
    assertTrue(journal.openSessions().isEmpty());
  }

  @Test
  void holdWithoutPaymentIsReleased() {
    crash(
        new ScriptedCustomer()
            .on("select-event", "evt-1")
            .on("select-seat", "A-1-2")
            .on(
                "choose-payment",
                screen -> {
                  throw new Fakes.PowerLoss();
                }));

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.HOLD_RELEASED, r.action());
    assertEquals(Seat.Status.AVAILABLE, center.seats.get(seat));
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER));
  }

  @Test
  void issuedTicketIsNotIssuedAgain() {
    printer.powerFails = true;
    crash(buyer());

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.TICKET_ALREADY_ISSUED, r.action());
    assertEquals(1, center.tickets.size());
    assertTrue(bank.kept.isEmpty(), "settled when the ticket was issued");
  }

  @Test
  void unreachableCenterLeavesTheSessionOpenForTheNextStart() {
    center.powerFailsDuringIssue = true;
    crash(buyer());
    center.failIssue = true;

    assertEquals(Action.RETRY_LATER, restart().action());
    assertEquals(1, journal.openSessions().size());

    center.failIssue = false;
    assertEquals(Action.TICKET_ISSUED, restart().action());
    assertTrue(journal.openSessions().isEmpty());
  }

  @Test
  void paidTicketNamingAnotherReservationIsRefusedAndReversedAtRestart() {
    center.powerFailsDuringIssue = true;
    crash(buyer());
    center.answerTicket = PurchaseRecoveryTest::forAnotherReservation;

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.PAYMENT_REVERSED, r.action(), r.detail());
    assertTrue(r.detail().contains("TICKET_MISMATCH"), r.detail());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER), "the debit ends in a reversal");
    assertEquals(0L, bank.balances.get(Fakes.ISSUER));
    assertTrue(journal.openSessions().isEmpty());
  }

  @Test
  void ticketThatNeverReachedTheCardIsWrittenWhenTheCardComesBack() throws Exception {
    card.powerFailsOnAppend = true;
    crash(buyer());
    assertEquals(Action.TICKET_ALREADY_ISSUED, restart().action());
    assertTrue(card.records.isEmpty());
    card.powerFailsOnAppend = false;

    cardComesBack();

    assertEquals(
        1,
        TicketCard.tickets(tickets.read(card, card.chip.cardId())).size(),
        "written on the next insertion");
    assertEquals(
        List.of(PurchaseRecovery.TICKET_ON_CARD),
        journal.sessionsEndingIn(PurchaseRecovery.TICKET_ON_CARD).stream()
            .map(e -> e.state())
            .toList());
    assertEquals(1, center.tickets.size(), "fetched again, not issued twice");
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER), "paid once");
  }

  @Test
  void pendingTicketThatDoesNotMatchItsSessionIsNotWrittenWhenTheCardComesBack() {
    card.powerFailsOnAppend = true;
    crash(buyer());
    assertEquals(Action.TICKET_ALREADY_ISSUED, restart().action());
    card.powerFailsOnAppend = false;
    center.answerTicket = PurchaseRecoveryTest::forAnotherReservation;

    cardComesBack();

    assertTrue(card.records.isEmpty(), "a ticket for another reservation never reaches the card");
    assertTrue(journal.sessionsEndingIn(PurchaseRecovery.TICKET_ON_CARD).isEmpty());
    assertTrue(journal.ticketsAwaitingCard("KC-0001").isEmpty(), "no longer pending");
    assertEquals("NEEDS_STAFF", lastFacts().get("recovery"), "settled: the link kept nothing");
    assertEquals("TICKET_MISMATCH", lastFacts().get("refusal"));
    assertEquals("TR1", lastFacts().get("refusedTicket"));
    int issues = Collections.frequency(center.log, "center.issue");

    cardComesBack();

    assertEquals(issues, Collections.frequency(center.log, "center.issue"), "not fetched again");
  }

  @Test
  void pendingTicketThatDoesNotMatchIsReversedWhileTheLinkStillKeepsThePayment() {
    bank.keepsSettled = true;
    card.powerFailsOnAppend = true;
    crash(buyer());
    assertEquals(Action.TICKET_ALREADY_ISSUED, restart().action());
    card.powerFailsOnAppend = false;
    center.answerTicket = PurchaseRecoveryTest::forAnotherReservation;

    cardComesBack();

    assertTrue(card.records.isEmpty());
    assertEquals("PAYMENT_REVERSED", lastFacts().get("recovery"));
    assertEquals("TR1", lastFacts().get("voidTicket"), "the issuer must void the refused ticket");
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER), "the debit ends in a reversal");
    assertTrue(journal.ticketsAwaitingCard("KC-0001").isEmpty());
    assertTrue(journal.openSessions().isEmpty());
  }

  @Test
  void pendingTicketTheCenterRefusesForGoodEndsTheSessionInsteadOfBeingFetchedAgain() {
    bank.keepsSettled = true;
    card.powerFailsOnAppend = true;
    crash(buyer());
    assertEquals(Action.TICKET_ALREADY_ISSUED, restart().action());
    card.powerFailsOnAppend = false;
    center.issueRefusal = "RESERVATION_CANCELLED";

    cardComesBack();

    assertTrue(card.records.isEmpty());
    assertEquals("PAYMENT_REVERSED", lastFacts().get("recovery"));
    assertEquals("RESERVATION_CANCELLED", lastFacts().get("refusal"));
    assertEquals("TR1", lastFacts().get("voidTicket"));
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER), "the debit ends in a reversal");
    assertTrue(journal.ticketsAwaitingCard("KC-0001").isEmpty(), "no longer pending");
    int issues = Collections.frequency(center.log, "center.issue");

    cardComesBack();

    assertEquals(issues, Collections.frequency(center.log, "center.issue"), "not fetched again");
  }

  @Test
  void pendingTicketTheCenterSaysWasBoughtByThisPaymentElsewhereIsLeftToStaff() {
    card.powerFailsOnAppend = true;
    crash(buyer());
    assertEquals(Action.TICKET_ALREADY_ISSUED, restart().action());
    card.powerFailsOnAppend = false;
    center.issueRefusal = "PAYMENT_ALREADY_USED";

    cardComesBack();

    assertEquals("NEEDS_STAFF", lastFacts().get("recovery"));
    assertTrue(lastFacts().get("staff").contains("not taken back"), lastFacts().toString());
    assertTrue(journal.ticketsAwaitingCard("KC-0001").isEmpty(), "no longer pending");
  }

  @Test
  void pendingTicketRefusedForNowStaysPending() {
    card.powerFailsOnAppend = true;
    crash(buyer());
    assertEquals(Action.TICKET_ALREADY_ISSUED, restart().action());
    card.powerFailsOnAppend = false;
    center.issueRefusal = "CENTER_BUSY";

    cardComesBack();

    assertTrue(card.records.isEmpty());
    assertEquals(1, journal.ticketsAwaitingCard("KC-0001").size(), "fetched again next time");
  }

  @Test
  void pendingTicketFetchedAgainUnderAnotherNumberIsNotWritten() {
    card.powerFailsOnAppend = true;
    crash(buyer());
    assertEquals(Action.TICKET_ALREADY_ISSUED, restart().action());
    card.powerFailsOnAppend = false;
    center.answerTicket = PurchaseRecoveryTest::renumbered;

    cardComesBack();

    assertTrue(card.records.isEmpty(), "another ticket than the journaled one is never written");
    assertTrue(lastFacts().get("staff").contains("ticket number TR1-B"), lastFacts().toString());
    assertEquals("TR1", lastFacts().get("ticket"), "the journaled ticket");
    assertEquals("TR1-B", lastFacts().get("refusedTicket"), "the ticket the center returned");
    assertEquals("TR1-B,TR1", lastFacts().get("voidTicket"), "both, when the payment is reversed");
    assertTrue(journal.ticketsAwaitingCard("KC-0001").isEmpty());
  }

  private static Ticket renumbered(Ticket t) {
    return new Ticket(
        t.ticketNumber() + "-B",
        t.issueNumber(),
        t.issuerId(),
        t.issuerName(),
        t.issuedAt(),
        t.cardId(),
        t.eventId(),
        t.title(),
        t.venue(),
        t.startsAt(),
        t.seats(),
        t.payment(),
        t.reservationNumber(),
        t.signed());
  }

  private static Ticket forAnotherReservation(Ticket t) {
    return new Ticket(
        t.ticketNumber(),
        t.issueNumber(),
        t.issuerId(),
        t.issuerName(),
        t.issuedAt(),
        t.cardId(),
        t.eventId(),
        t.title(),
        t.venue(),
        t.startsAt(),
        t.seats(),
        t.payment(),
        new ReservationNumber("R99"),
        t.signed());
  }

  /** The customer inserts the card again and cancels at once. */
  private void cardComesBack() {
    ReserveAndIssueFlow flow =
        Fakes.flow(
            card,
            tickets,
            center,
            bank,
            pinPad,
            printer,
            new ScriptedCustomer(),
            journal,
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            Duration.ofSeconds(30));
    flow.run(new PurchaseSession(new SessionId("S2"), Fakes.TERMINAL));
  }
}
