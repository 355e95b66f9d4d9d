package com.kippu.atm.flow.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.CardRecordCodec;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.ReservationNumber;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.journal.FakeJournal;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.atm.recovery.PurchaseRecovery.Action;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.TerminalProfile;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Power lost at each point of F5, then the terminal restarts: money always ends in a ticket or a
 * reversal.
 */
class PurchaseRecoveryTest {
  private final Fakes.FakeBank bank = new Fakes.FakeBank();
  private final Fakes.FakeCard card =
      new Fakes.FakeCard(new ChipData(new CardId("KC-0001"), "Hanako", Fakes.CUSTOMER, 0));
  private final Fakes.FakePrinter printer = new Fakes.FakePrinter();
  private final FakeJournal journal = new FakeJournal(TicketingPlugin.FINAL_STATES);
  private final SeatId seat = new SeatId("A-1-2");
  private final TicketCard tickets =
      new TicketCard(new CardRecordCodec(new byte[32], new SecureRandom()));
  private Fakes.FakeCenter center;

  @BeforeEach
  void setUp() throws Exception {
    center = new Fakes.FakeCenter();
    bank.balances.put(Fakes.CUSTOMER, 50_000L);
    bank.balances.put(Fakes.ISSUER, 0L);
  }

  private void crash(ScriptedCustomer customer) {
    ReserveAndIssueFlow flow =
        new ReserveAndIssueFlow(
            card,
            new TicketCard(new CardRecordCodec(new byte[32], new SecureRandom())),
            center,
            bank,
            printer,
            customer,
            journal,
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            ZoneId.of("Asia/Tokyo"),
            Duration.ofSeconds(30));
    PurchaseSession session =
        new PurchaseSession(
            new SessionId("S1"),
            new TerminalProfile("ATM00001", TerminalProfile.Kind.BANK_ATM, true, false));
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
    List<PurchaseRecovery.Recovered> recovered = new PurchaseRecovery(journal, center, bank).run();
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
  void refusalThatMayMeanTheSeatWasPaidIsLeftToStaff() {
    center.powerFailsDuringIssue = true;
    crash(buyer());
    center.issueRefusal = "PAYMENT_ALREADY_USED";

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.RETRY_LATER, r.action());
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER), "nothing taken back");
    assertEquals(1, journal.openSessions().size(), "still open, for staff to see");
  }

  @Test
  void refusedTicketWithoutAKeptPaymentStaysOpenForARefundByHand() {
    center.powerFailsDuringIssue = true;
    crash(buyer());
    bank.kept.clear();
    center.issueRefusal = "RESERVATION_CANCELLED";

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.RETRY_LATER, r.action());
    assertTrue(r.detail().contains("refund by hand"), r.detail());
    assertEquals(1, journal.openSessions().size());
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
    assertTrue(r.detail().contains(PurchaseRecovery.TICKET_MISMATCH), r.detail());
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
    assertEquals(1, journal.sessionsEndingIn(PurchaseRecovery.RECOVERED).size(), "still pending");
    assertTrue(journal.sessionsEndingIn(PurchaseRecovery.TICKET_ON_CARD).isEmpty());
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
        new ReserveAndIssueFlow(
            card,
            tickets,
            center,
            bank,
            printer,
            new ScriptedCustomer(),
            journal,
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            ZoneId.of("Asia/Tokyo"),
            Duration.ofSeconds(30));
    flow.run(
        new PurchaseSession(
            new SessionId("S2"),
            new TerminalProfile("ATM00001", TerminalProfile.Kind.BANK_ATM, true, false)));
  }
}
