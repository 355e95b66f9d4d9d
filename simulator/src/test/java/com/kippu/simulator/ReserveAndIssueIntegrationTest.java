package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.PluginConfig;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.EventTimes;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.center.SeatUnavailableException;
import com.kippu.atm.center.internal.RequestSigner;
import com.kippu.atm.gate.TicketInspector;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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
    branch.typePinAtNextEntry(Branch.demoPin(customer));
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

  private List<JournalEntry> journal(SessionOutcome outcome) {
    return branch.plugin().journal().entries(new SessionId(outcome.sessionId()));
  }

  private static Optional<JournalEntry> entry(List<JournalEntry> entries, String state) {
    return entries.stream().filter(e -> e.state().equals(state)).findFirst();
  }

  /** The reservation as the center's own API reports it, asked as the terminal with its secret. */
  private JsonNode reservationAtCenter(String number) throws Exception {
    PluginConfig config = branch.plugin().config();
    URI uri = config.centerUrl().resolve("/v1/reservations/" + number);
    long now = Clock.systemUTC().instant().getEpochSecond();
    String nonce = RequestSigner.newNonce();
    String signature =
        new RequestSigner(config.centerTerminalSecret().orElseThrow())
            .sign("GET", uri.getRawPath(), new byte[0], now, nonce);
    HttpRequest request =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Accept", "application/json")
            .header("X-Terminal-Id", config.terminal().terminalId())
            .header("X-Kippu-Timestamp", Long.toString(now))
            .header("X-Kippu-Nonce", nonce)
            .header("X-Kippu-Signature", signature)
            .GET()
            .build();
    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return new ObjectMapper().readTree(response.body());
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
    ZoneId zone = branch.plugin().config().zone();
    TicketInspector gate =
        new TicketInspector(
            branch.plugin().tickets(),
            issuer -> {
              try {
                return center.issuerKey(issuer);
              } catch (CenterException e) {
                throw new IllegalStateException(e);
              }
            },
            zone);
    List<TicketInspector.InspectedTicket> onCard = gate.tickets(branch.plugin().card());
    assertEquals(1, onCard.size());
    assertTrue(onCard.get(0).signatureValid(), "issuer signature verifies offline");
    assertEquals(outcome.ticketNumber().orElseThrow(), onCard.get(0).ticket().ticketNumber());
    assertEquals(
        List.of(new SeatId("S-1-1")),
        onCard.get(0).ticket().seats().stream().map(s -> s.seatId()).toList());
    List<String> view = gate.describe(branch.plugin().card());
    assertTrue(
        view.contains("  Winter Gala Live at Tokyo Dome, 2026-12-24 18:00"), view.toString());
    String issued = EventTimes.localToSecond(onCard.get(0).ticket().issuedAt(), zone);
    assertTrue(
        view.stream().anyMatch(l -> l.endsWith("issued " + issued)),
        "issue time in the terminal's zone, like the receipt: " + view);

    try (Stream<Path> receipts = Files.list(branch.receipts())) {
      List<Path> texts = receipts.filter(p -> p.toString().endsWith(".txt")).toList();
      assertEquals(1, texts.size());
      String receipt = Files.readString(texts.get(0));
      assertTrue(receipt.contains(outcome.ticketNumber().orElseThrow()), receipt);
      assertTrue(receipt.contains("2026-12-24 18:00"), receipt);
      assertFalse(receipt.contains("T18:00"), receipt);
      assertTrue(
          !receipt.contains(HANAKO.account().value()), "account number masked on the receipt");
    }

    List<JournalEntry> entries = journal(outcome);
    List<String> states = entries.stream().map(e -> e.state()).toList();
    for (String step :
        List.of(
            "read-card",
            "select-seats",
            "hold-seats",
            "choose-payment",
            "pay",
            "issue-ticket",
            "write-ticket",
            "print-receipt")) {
      assertTrue(
          states.indexOf(step + ".begin") >= 0
              && states.indexOf(step + ".begin") < states.indexOf(step + ".done"),
          step + " in " + states);
    }
    assertEquals("COMPLETED", states.get(states.size() - 1));

    String reservation = entry(entries, "hold-seats.done").orElseThrow().facts().get("reservation");
    JsonNode atCenter = reservationAtCenter(reservation);
    assertEquals("ISSUED", atCenter.path("status").asText(), atCenter.toString());
    assertEquals(outcome.ticketNumber().orElseThrow(), atCenter.path("ticketNumber").asText());
  }

  @Test
  void insufficientFundsReturnsToPaymentChoiceAndCancelLeavesNothingBehind() throws Exception {
    ScriptedCustomer taro = buying("S-1-2").on("choose-payment", "cancel");
    long issuerBefore = branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT);

    SessionOutcome outcome = session(TARO, taro);

    assertEquals(SessionOutcome.Result.CANCELLED, outcome.result(), outcome.detail());
    List<JournalEntry> entries = journal(outcome);
    JournalEntry declined = entry(entries, "pay.signal").orElseThrow();
    assertEquals("51", declined.facts().get("declineCode"));
    assertEquals("DECLINED", declined.facts().get("signal"));
    assertEquals("transfer INSUFFICIENT_FUNDS", declined.facts().get("reason"));
    assertTrue(taro.screenIds().contains("payment-declined"));
    assertEquals(
        2,
        Collections.frequency(taro.screenIds(), "choose-payment"),
        "S1 ¶58: back to the choice of payment");
    assertTrue(
        taro.screenIds().indexOf("payment-declined")
            < taro.screenIds().lastIndexOf("choose-payment"),
        taro.screenIds().toString());
    assertEquals(TARO.openingYen(), branch.bank().ledger().balance(TARO.account()));
    assertEquals(issuerBefore, branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT));

    assertTrue(outcome.ticketNumber().isEmpty());
    String reservation = declined.facts().get("reservation");
    JsonNode atCenter = reservationAtCenter(reservation);
    assertEquals("CANCELLED", atCenter.path("status").asText(), atCenter.toString());
    assertFalse(atCenter.has("ticketNumber"), "no ticket at the center: " + atCenter);
    assertEquals(Seat.Status.AVAILABLE, seat("S-1-2").status(), "hold released");
    branch.insertCard(TARO);
    assertTrue(branch.plugin().card().readRecords().isEmpty(), "nothing written to the card");
    List<String> states = entries.stream().map(e -> e.state()).toList();
    assertTrue(states.contains("hold-seats.compensated"), states.toString());
    assertFalse(states.contains("issue-ticket.begin"), states.toString());
    assertEquals("CANCELLED", states.get(states.size() - 1));
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
            new com.kippu.atm.center.IssuerKeyTrust(
                com.kippu.atm.PluginConfig.from(branch.pluginProperties()).centerRootKey()),
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
