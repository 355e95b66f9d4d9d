package com.kippu.atm.flow.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.card.CardId;
import com.kippu.atm.card.CardRecordCodec;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.journal.FakeJournal;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.TerminalProfile;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collections;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReserveAndIssueFlowTest {
  private final Fakes.FakeBank bank = new Fakes.FakeBank();
  private final Fakes.FakeCard card =
      new Fakes.FakeCard(new ChipData(new CardId("KC-0001"), "Hanako", Fakes.CUSTOMER, 0));
  private final Fakes.FakePrinter printer = new Fakes.FakePrinter();
  private final FakeJournal journal =
      new FakeJournal(Set.of(FlowRunner.COMPLETED, FlowRunner.CANCELLED, FlowRunner.FAILED));
  private final TicketCard tickets =
      new TicketCard(new CardRecordCodec(new byte[32], new SecureRandom()));
  private final SessionId id = new SessionId("S1");
  private Fakes.FakeCenter center;

  @BeforeEach
  void setUp() throws Exception {
    center = new Fakes.FakeCenter();
    bank.balances.put(Fakes.CUSTOMER, 50_000L);
    bank.balances.put(Fakes.ISSUER, 0L);
  }

  private FlowRunner.Result run(ScriptedCustomer customer) {
    ReserveAndIssueFlow flow =
        new ReserveAndIssueFlow(
            card,
            tickets,
            center,
            bank,
            printer,
            customer,
            journal,
            Clock.fixed(Instant.EPOCH, ZoneOffset.UTC),
            ZoneId.of("Asia/Tokyo"));
    return flow.run(
        new PurchaseSession(
            id, new TerminalProfile("ATM00001", TerminalProfile.Kind.BANK_ATM, true, false)));
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
            .containsAll(
                java.util.List.of(
                    "DebitAccount.begin",
                    "DebitAccount.done",
                    "WriteTicketToCard.begin",
                    "COMPLETED")));
  }

  @Test
  void journalEntryPrecedesEverySideEffect() {
    run(buyer());

    var states = journal.states(id);
    for (String step :
        java.util.List.of(
            "HoldSeats", "DebitAccount", "IssueTicket", "WriteTicketToCard", "PrintReceipt")) {
      assertTrue(states.indexOf(step + ".begin") < states.indexOf(step + ".done"), step);
    }
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
                  return com.kippu.atm.spi.Answer.chose("A-1-2");
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
  void failedIssuanceReversesTheDebitAndReleasesTheSeat() {
    center.failIssue = true;

    FlowRunner.Result result = run(buyer());

    assertEquals(FlowRunner.FAILED, result.state());
    assertEquals(1, bank.reversed.size());
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER));
    assertEquals(0L, bank.balances.get(Fakes.ISSUER));
    assertEquals(Seat.Status.AVAILABLE, center.seats.get(new SeatId("A-1-2")));
    assertTrue(journal.states(id).contains("DebitAccount.compensated"));
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
}
