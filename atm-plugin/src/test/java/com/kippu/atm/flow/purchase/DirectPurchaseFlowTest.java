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
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.journal.FakeJournal;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Flow F6: a ticket bought without a reservation, paid into the account the issuer quoted. */
class DirectPurchaseFlowTest {
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
  private Fakes.FakeCenter center;

  @BeforeEach
  void setUp() throws Exception {
    center = new Fakes.FakeCenter();
    center.clock = clock;
    bank.balances.put(Fakes.CUSTOMER, 50_000L);
    bank.balances.put(Fakes.ISSUER, 0L);
  }

  private FlowRunner.Result run(ScriptedCustomer customer) {
    return Fakes.directFlow(card, tickets, center, bank, pinPad, printer, customer, journal, clock)
        .run(new PurchaseSession(id, Fakes.TERMINAL));
  }

  private static ScriptedCustomer buyer() {
    return new ScriptedCustomer()
        .on("select-event", "evt-1")
        .on("select-seat", "A-1-2")
        .on("choose-delivery", "card")
        .on("choose-payment", "transfer");
  }

  private Map<String, String> lastFacts() {
    List<JournalEntry> entries = journal.entries(id);
    return entries.get(entries.size() - 1).facts();
  }

  @Test
  void paysTheQuotedIssuerAccountAndBuysUnderOneRequestNumber() throws Exception {
    ScriptedCustomer customer = buyer();
    FlowRunner.Result result = run(customer);

    assertTrue(result.completed(), result.reason());
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER));
    assertEquals(8800L, bank.balances.get(Fakes.ISSUER), "paid into the quoted account");
    assertEquals(Fakes.ISSUER, bank.transfers.get(0).to());
    assertEquals(List.of("center.quote", "center.purchase S1-D1", "center.issue"), center.log);
    assertEquals(Seat.Status.SOLD, center.seats.get(new SeatId("A-1-2")));
    assertEquals(1, TicketCard.tickets(tickets.read(card, card.chip.cardId())).size());
    assertEquals(1, printer.receipts.size());
    assertTrue(printer.receipts.get(0).contains("RESERVATION R1"), printer.receipts.toString());
    Map<String, String> facts = lastFacts();
    assertEquals("true", facts.get("directPurchase"));
    assertEquals("0009-001-***4321", facts.get("issuerAccount"), "journaled masked");
    assertTrue(bank.kept.isEmpty(), "the payment stands once the ticket is issued");
    assertTrue(customer.screenIds().contains("completed"), customer.screenIds().toString());
  }

  @Test
  void aSeatSoldAfterTheQuoteTakesThePaymentBackAndTheCustomerChoosesAgain() {
    center.seatSoldAfterQuote = true;
    ScriptedCustomer customer =
        buyer()
            .on("select-event", "evt-1")
            .on("select-seat", "A-1-3")
            .on("choose-delivery", "card")
            .on("choose-payment", "transfer");

    FlowRunner.Result result = run(customer);

    assertTrue(result.completed(), result.reason());
    assertTrue(customer.screenIds().contains("seat-sold"), customer.screenIds().toString());
    assertEquals(1, bank.reversed.size(), "the first payment taken back");
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER), "paid once");
    assertEquals(8800L, bank.balances.get(Fakes.ISSUER));
    assertEquals(Seat.Status.SOLD, center.seats.get(new SeatId("A-1-3")));
    assertTrue(center.log.contains("center.purchase S1-D2"), center.log.toString());
    assertEquals(1, center.tickets.size());
  }

  @Test
  void aPriceChangedSinceTheQuoteIsRefusedByTheCenterAndThePaymentTakenBack() {
    ScriptedCustomer customer =
        buyer()
            .on(
                "issuing",
                screen -> {
                  center.holdPriceYen = 9800; // the issuer changed the price after the quote
                  return Answer.cancel();
                });

    FlowRunner.Result result = run(customer);

    assertEquals(FlowRunner.FAILED, result.state(), result.reason());
    assertEquals(1, bank.reversed.size(), "the payment taken back");
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER));
    assertEquals(0L, bank.balances.get(Fakes.ISSUER));
    assertTrue(center.tickets.isEmpty(), "nothing sold");
    assertEquals(Seat.Status.AVAILABLE, center.seats.get(new SeatId("A-1-2")));
    assertTrue(customer.screenIds().contains("ended"), customer.screenIds().toString());
    assertTrue(journal.openSessions().isEmpty(), "settled, nothing left to recovery");
  }

  @Test
  void aLostAnswerIsAskedAgainUnderTheSameRequestNumberAndIsTheSameSale() {
    center.purchaseAnswersLost = 1;

    FlowRunner.Result result = run(buyer());

    assertTrue(result.completed(), result.reason());
    assertEquals(
        2,
        center.log.stream().filter("center.purchase S1-D1"::equals).count(),
        center.log.toString());
    assertEquals(1, center.tickets.size(), "one sale");
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER));
  }

  @Test
  void aQuoteThatRanOutIsAskedAgainBeforeAnyPayment() {
    ScriptedCustomer customer =
        new ScriptedCustomer()
            .on("select-event", "evt-1")
            .on("select-seat", "A-1-2")
            .on("choose-delivery", "card")
            .on("choose-delivery", "card")
            .on(
                "choose-payment",
                screen -> {
                  clock.advance(Duration.ofMinutes(6)); // the customer lingers
                  return Answer.chose("transfer");
                })
            .on("choose-payment", "transfer");

    FlowRunner.Result result = run(customer);

    assertTrue(result.completed(), result.reason());
    assertTrue(customer.screenIds().contains("quote-lapsed"), customer.screenIds().toString());
    assertEquals(1, bank.transfers.size(), "one payment, on the fresh quote");
    assertEquals(2, center.log.stream().filter("center.quote"::equals).count());
  }

  @Test
  void aCenterThatStaysSilentLeavesThePaymentToRecoveryNeverReversed() {
    center.failIssue = true;
    ScriptedCustomer customer = buyer();

    FlowRunner.Result result = run(customer);

    assertEquals(FlowRunner.UNSETTLED, result.state(), result.reason());
    assertTrue(bank.reversed.isEmpty(), "a ticket may exist: not taken back");
    assertEquals(50_000L - 8800, bank.balances.get(Fakes.CUSTOMER));
    assertTrue(customer.screenIds().contains("ticket-pending"), customer.screenIds().toString());
    assertTrue(printer.receipts.get(0).contains("PAYMENT TAKEN - TICKET PENDING"));
    assertFalse(journal.openSessions().isEmpty(), "left open for recovery");
  }
}
