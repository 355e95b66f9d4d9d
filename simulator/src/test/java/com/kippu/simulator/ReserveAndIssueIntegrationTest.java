package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.center.SeatUnavailableException;
import com.kippu.atm.gate.TicketInspector;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flow F5 across the real components: the jPOS link over TCP to the bank host, the issuer center
 * over HTTP, JavaPOS services from jpos.xml, SQLite files for ledger, center and journal.
 */
class ReserveAndIssueIntegrationTest {
  private static final Branch.Customer HANAKO = Branch.CUSTOMERS.get(0);
  private static final Branch.Customer TARO = Branch.CUSTOMERS.get(1);
  private static final EventId CONCERT = new EventId("evt-2026-12-24-dome");

  @TempDir Path dir;
  private Branch branch;

  @BeforeEach
  void open() throws Exception {
    branch = Branch.open(dir, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    branch.close();
  }

  private static ScriptedCustomer buying(String seat) {
    return new ScriptedCustomer()
        .on("select-event", CONCERT.value())
        .on("select-seat", seat)
        .on("choose-payment", "transfer");
  }

  private SessionOutcome session(Branch.Customer customer, ScriptedCustomer script) {
    branch.insertCard(customer);
    try {
      return branch.plugin().run(TicketingPlugin.RESERVE_PAY_ISSUE, script);
    } finally {
      branch.removeCard();
    }
  }

  private Seat seat(String id) throws CenterException {
    return branch.plugin().center().seats(CONCERT).stream()
        .filter(s -> s.seatId().value().equals(id))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void paidTicketIsWrittenToTheCardAndEveryStepJournaled() throws Exception {
    long price = seat("S-1-1").price().yen();

    SessionOutcome outcome = session(HANAKO, buying("S-1-1"));

    assertEquals(SessionOutcome.Result.COMPLETED, outcome.result(), outcome.detail());
    assertEquals(HANAKO.openingYen() - price, branch.bank().ledger().balance(HANAKO.account()));
    assertEquals(price, branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT));

    IssuerCenter center = branch.plugin().center();
    assertEquals(Seat.Status.SOLD, seat("S-1-1").status());
    assertThrows(
        SeatUnavailableException.class,
        () ->
            center.reserve(
                CONCERT, List.of(new SeatId("S-1-1")), new CardId("KC-99999"), "again-1"));

    branch.insertCard(HANAKO);
    TicketInspector gate =
        new TicketInspector(
            branch.plugin().tickets(),
            issuer -> {
              try {
                return center.issuerKey(issuer);
              } catch (CenterException e) {
                throw new IllegalStateException(e);
              }
            });
    List<TicketInspector.InspectedTicket> onCard = gate.tickets(branch.plugin().card());
    assertEquals(1, onCard.size());
    assertTrue(onCard.get(0).signatureValid(), "issuer signature verifies offline");
    assertEquals(outcome.ticketNumber().orElseThrow(), onCard.get(0).ticket().ticketNumber());
    assertEquals(
        List.of(new SeatId("S-1-1")),
        onCard.get(0).ticket().seats().stream().map(s -> s.seatId()).toList());

    try (Stream<Path> receipts = Files.list(branch.receipts())) {
      List<Path> texts = receipts.filter(p -> p.toString().endsWith(".txt")).toList();
      assertEquals(1, texts.size());
      String receipt = Files.readString(texts.get(0));
      assertTrue(receipt.contains(outcome.ticketNumber().orElseThrow()), receipt);
      assertTrue(
          !receipt.contains(HANAKO.account().value()), "account number masked on the receipt");
    }

    List<String> states =
        branch.plugin().journal().entries(new SessionId(outcome.sessionId())).stream()
            .map(e -> e.state())
            .toList();
    for (String step :
        List.of(
            "ReadCard",
            "SelectSeats",
            "HoldSeats",
            "ChoosePayment",
            "DebitAccount",
            "IssueTicket",
            "WriteTicketToCard",
            "PrintReceipt")) {
      assertTrue(
          states.indexOf(step + ".begin") >= 0
              && states.indexOf(step + ".begin") < states.indexOf(step + ".done"),
          step + " in " + states);
    }
    assertEquals("COMPLETED", states.get(states.size() - 1));
  }

  @Test
  void insufficientFundsReturnsToPaymentChoiceAndCancelLeavesNothingBehind() throws Exception {
    ScriptedCustomer taro = buying("S-1-2").on("choose-payment", "cancel");

    SessionOutcome outcome = session(TARO, taro);

    assertEquals(SessionOutcome.Result.CANCELLED, outcome.result(), outcome.detail());
    assertTrue(taro.screenIds().contains("payment-declined"));
    assertEquals(
        2,
        Collections.frequency(taro.screenIds(), "choose-payment"),
        "S1 ¶58: back to the choice of payment");
    assertTrue(outcome.ticketNumber().isEmpty());
    assertEquals(TARO.openingYen(), branch.bank().ledger().balance(TARO.account()));
    assertEquals(0, branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT));
    assertEquals(Seat.Status.AVAILABLE, seat("S-1-2").status(), "hold released");
    branch.insertCard(TARO);
    assertTrue(branch.plugin().card().readRecords().isEmpty(), "nothing written to the card");
    List<String> states =
        branch.plugin().journal().entries(new SessionId(outcome.sessionId())).stream()
            .map(e -> e.state())
            .toList();
    assertTrue(states.contains("DebitAccount.back"), states.toString());
    assertTrue(states.contains("HoldSeats.compensated"), states.toString());
  }

  @Test
  void seatTakenByAnotherTerminalSendsTheCustomerBackToChooseAgain() throws Exception {
    ScriptedCustomer hanako =
        new ScriptedCustomer()
            .on("select-event", CONCERT.value())
            .on(
                "select-seat",
                screen -> {
                  try {
                    branch
                        .plugin()
                        .center()
                        .reserve(
                            CONCERT,
                            List.of(new SeatId("A-5-10")),
                            new CardId("KC-77777"),
                            "rival-1");
                  } catch (CenterException e) {
                    throw new IllegalStateException(e);
                  }
                  return Answer.chose("A-5-10");
                })
            .on("select-event", CONCERT.value())
            .on("select-seat", "A-5-9")
            .on("choose-payment", "transfer");

    SessionOutcome outcome = session(HANAKO, hanako);

    assertEquals(SessionOutcome.Result.COMPLETED, outcome.result(), outcome.detail());
    assertTrue(hanako.screenIds().contains("seat-taken"));
    assertEquals(Seat.Status.SOLD, seat("A-5-9").status());
  }

  @Test
  void centerRefusesATerminalThatDoesNotSignItsRequests() {
    IssuerCenter unsigned =
        new com.kippu.atm.center.internal.HttpIssuerCenter(
            branch.center().baseUri(),
            Branch.TERMINAL_ID,
            java.time.Duration.ofSeconds(5),
            java.util.Optional.empty(),
            Clock.systemUTC());

    CenterException refused =
        assertThrows(
            CenterException.class,
            () ->
                unsigned.reserve(
                    CONCERT, List.of(new SeatId("A-1-1")), new CardId("KC-10001"), "unsigned-1"));
    assertEquals("MISSING_SIGNATURE", refused.code(), refused.getMessage());
  }
}
