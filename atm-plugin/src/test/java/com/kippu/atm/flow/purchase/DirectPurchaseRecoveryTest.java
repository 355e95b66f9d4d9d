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
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.flow.direct.DirectPurchaseFlow;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.journal.FakeJournal;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.atm.recovery.PurchaseRecovery.Action;
import com.kippu.atm.spi.ScriptedCustomer;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Power lost at each point of F6, then the terminal restarts: every debit ends in a ticket, bought
 * again under the journaled request number, or in a reversal; nothing is held or released that the
 * sale did not make.
 */
class DirectPurchaseRecoveryTest {
  private final Fakes.FakeBank bank = new Fakes.FakeBank();
  private final Fakes.FakePinPad pinPad = new Fakes.FakePinPad();
  private final Fakes.FakeCard card =
      new Fakes.FakeCard(new ChipData(new CardId("KC-0001"), "Hanako", Fakes.CUSTOMER, 0));
  private final Fakes.FakePrinter printer = new Fakes.FakePrinter();
  private final FakeJournal journal = new FakeJournal(TicketingPlugin.FINAL_STATES);
  private final SeatId seat = new SeatId("A-1-2");
  private final SessionId id = new SessionId("S1");
  private Fakes.FakeCenter center;

  @BeforeEach
  void setUp() throws Exception {
    center = new Fakes.FakeCenter();
    bank.balances.put(Fakes.CUSTOMER, 50_000L);
    bank.balances.put(Fakes.ISSUER, 0L);
  }

  private void crash() {
    ScriptedCustomer customer =
        new ScriptedCustomer()
            .on("select-event", "evt-1")
            .on("select-seat", "A-1-2")
            .on("choose-delivery", "card")
            .on("choose-payment", "transfer");
    DirectPurchaseFlow flow =
        Fakes.directFlow(
            card,
            new TicketCard(
                new CardRecordCodec(new SecureRandom()), TestCardAccess.terminal("ATM00001")),
            center,
            bank,
            pinPad,
            printer,
            customer,
            journal,
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
    PurchaseSession session = new PurchaseSession(id, Fakes.TERMINAL);
    assertThrows(Fakes.PowerLoss.class, () -> flow.run(session));
    assertEquals(List.of(id), journal.openSessions(), "the crash left the session open");
  }

  private PurchaseRecovery.Recovered restart() {
    List<PurchaseRecovery.Recovered> recovered = Fakes.recovery(journal, center, bank).run();
    assertEquals(1, recovered.size());
    return recovered.get(0);
  }

  private Map<String, String> lastFacts() {
    List<JournalEntry> entries = journal.entries(id);
    return entries.get(entries.size() - 1).facts();
  }

  private long purchasesSent() {
    return center.log.stream().filter("center.purchase S1-D1"::equals).count();
  }

  @Test
  void aSaleTheCrashLeftUnansweredIsBoughtAgainUnderItsRequestNumberAsTheSameSale() {
    center.powerFailsDuringIssue = true;
    crash();
    assertEquals("S1-D1", lastFacts().get("requestNumber"), "journaled before it was sent");

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.TICKET_ISSUED, r.action(), r.detail());
    assertEquals(2, purchasesSent(), center.log.toString());
    assertEquals(1, center.reservations.size(), "the repeat is the same sale, not a second");
    assertEquals(1, center.tickets.size());
    assertEquals(Seat.Status.SOLD, center.seats.get(seat));
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER), "paid once");
    assertEquals(8800L, bank.balances.get(Fakes.ISSUER));
    assertTrue(bank.kept.isEmpty(), "the payment stands: the link may forget it");
    assertEquals("R1", lastFacts().get("reservation"));
    assertEquals(1, journal.ticketsAwaitingCard("KC-0001").size(), "the ticket awaits the card");
    assertTrue(journal.openSessions().isEmpty());
  }

  @Test
  void aPaymentMadeBeforeTheCrashIsBoughtWithEvenIfTheCenterNeverHeardOfIt() {
    center.powerFailsBeforePurchase = true;
    crash();
    assertTrue(center.reservations.isEmpty(), "the center never had the purchase");

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.TICKET_ISSUED, r.action(), r.detail());
    assertEquals(1, center.tickets.size());
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER));
  }

  @Test
  void seatsSoldToSomeoneElseBeforeTheRestartEndInAReversal() {
    center.powerFailsBeforePurchase = true;
    crash();
    center.seats.put(seat, Seat.Status.SOLD);

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.PAYMENT_REVERSED, r.action(), r.detail());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER), "the debit ends in a reversal");
    assertEquals(0L, bank.balances.get(Fakes.ISSUER));
    assertEquals(1, bank.reversed.size());
    assertTrue(center.tickets.isEmpty());
    assertEquals("SEAT_UNAVAILABLE", lastFacts().get("refusal"));
    assertTrue(journal.openSessions().isEmpty());
  }

  @Test
  void aPaymentOfUnknownOutcomeIsReversedAndNothingIsBoughtOrReleased() {
    bank.powerFailsAfterApproval = true;
    crash();

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.PAYMENT_REVERSED, r.action(), r.detail());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER));
    assertEquals(0, purchasesSent(), "never bought on a payment taken back");
    assertFalse(
        center.log.stream().anyMatch(l -> l.startsWith("center.reserve")),
        "a direct purchase holds nothing to find again: " + center.log);
    assertTrue(center.reservations.isEmpty());
    assertEquals(Seat.Status.AVAILABLE, center.seats.get(seat));
  }

  @Test
  void aTransferCutOffInFlightIsLeftToTheLinksReversalAndNothingIsHeldOrBought() {
    bank.powerFailsDuringTransfer = true;
    crash();

    PurchaseRecovery.Recovered r = restart();

    assertEquals(Action.LEFT_TO_REVERSAL, r.action(), r.detail());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER), "no money moved");
    assertEquals(0, purchasesSent(), "never bought on a payment of unknown outcome");
    assertTrue(center.reservations.isEmpty(), "nothing held, nothing released");
    assertTrue(journal.openSessions().isEmpty());
  }
}
