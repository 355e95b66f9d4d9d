package com.kippu.simulator.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.simulator.Branch;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web simulator's HTTP side against a real branch: loopback only, the page and its state, and
 * refused requests that answer a clear message and change nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebServerIntegrationTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final ObjectMapper json = new ObjectMapper();
  private Branch branch;
  private WebServer web;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    branch =
        Branch.open(
            dir,
            Clock.systemUTC(),
            "WEBHTTP1",
            Duration.ofSeconds(5),
            TerminalProfile.Kind.BANK_ATM);
    web = WebServer.start(branch, InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterAll
  void stop() {
    web.close();
    branch.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(web.uri().resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String action, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(web.uri().resolve("/api/" + action))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .header("Content-Type", "application/json")
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private String error(HttpResponse<String> r) throws Exception {
    return json.readTree(r.body()).path("error").asText();
  }

  @Test
  void servesThePageOnLoopbackOnly() throws Exception {
    assertEquals(URI.create("http://127.0.0.1:" + web.port() + "/"), web.uri());
    HttpResponse<String> page = get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<script type=\"module\" src=\"/app.js\">"));
    assertEquals(200, get("/app.js").statusCode());
  }

  @Test
  void stateShowsAccountsMaskedAndEveryOperatorSwitch() throws Exception {
    JsonNode state = json.readTree(get("/api/state").body());
    String text = state.toString();
    for (Branch.Customer c : Branch.CUSTOMERS) {
      assertFalse(text.contains(c.account().value()), "account in clear: " + c.account().masked());
      assertTrue(text.contains(c.account().masked()));
    }
    assertTrue(text.contains("\"key\":\"card-pull\""));
    assertTrue(text.contains("\"key\":\"self-test\""));
    for (String records : java.util.List.of("journal", "staff", "cash-closing", "reconcile")) {
      assertTrue(text.contains("\"key\":\"" + records + "\""), records + ": " + text);
    }
    assertTrue(text.contains("\"key\":\"settle\""), text);
  }

  @Test
  void theDaysRecordsAreSwitchesOfThePageAsOfTheConsole() throws Exception {
    for (String[] report :
        new String[][] {
          {"cash-closing", "CASH CLOSING  "},
          {"reconcile", "RECONCILIATION  terminal "},
          {"settle", "fee receivable"}
        }) {
      HttpResponse<String> thrown = post("operator", "{\"key\":\"" + report[0] + "\"}");
      assertEquals(200, thrown.statusCode(), thrown.body());
      assertTrue(
          json.readTree(thrown.body()).path("result").asText().contains(report[1]),
          report[0] + ": " + thrown.body());
    }
  }

  @Test
  void aSwitchThrownFromThePageIsInTheOperationsLogAsFromTheConsole() throws Exception {
    HttpResponse<String> thrown = post("operator", "{\"key\":\"card-leave\"}");
    assertEquals(200, thrown.statusCode(), thrown.body());

    try (com.kippu.atm.ops.OperationsLog log =
        com.kippu.atm.ops.OperationsLog.open(
            branch.dir().resolve(com.kippu.simulator.ops.BranchOperations.FILE), branch.clock())) {
      assertTrue(
          log.between(java.time.Instant.EPOCH, java.time.Instant.now().plusSeconds(60)).stream()
              .anyMatch(
                  e ->
                      e.kind() == com.kippu.atm.ops.OperationsLog.Kind.OPERATOR
                          && e.subject().equals("card-leave")),
          "the operator's switch is journaled");
    }
  }

  @Test
  void aScreenReadAgainCountsDownFromWhatIsLeftOfIt() throws Exception {
    assertEquals(200, post("card/insert", "{\"cardId\":\"KC-10001\"}").statusCode());
    JsonNode screen = json.readTree(get("/api/state").body()).path("screen");
    for (int i = 0; i < 50 && !ServiceMenu.SCREEN.equals(screen.path("id").asText()); i++) {
      Thread.sleep(100);
      screen = json.readTree(get("/api/state").body()).path("screen");
    }
    assertEquals(ServiceMenu.SCREEN, screen.path("id").asText(), screen.toString());
    Thread.sleep(1_200);

    JsonNode later = json.readTree(get("/api/state").body()).path("screen");
    long timeout = later.path("timeoutMs").asLong();
    long left = later.path("remainingMs").asLong();
    assertTrue(left <= timeout - 1_000 && left > 0, left + " ms left of " + timeout);
    assertEquals(
        200,
        post("answer", "{\"sequence\":" + later.path("sequence").asLong() + ",\"key\":\"\"}")
            .statusCode());
    // The card comes back; taken, the slot is free for the next test.
    int taken = 0;
    for (int i = 0; i < 50 && taken != 200; i++) {
      Thread.sleep(100);
      taken = post("card/take", "{}").statusCode();
    }
    assertEquals(200, taken, "the card is returned and taken");
  }

  @Test
  void refusedRequestsSayWhyAndChangeNothing() throws Exception {
    HttpResponse<String> unknown = post("card/insert", "{\"cardId\":\"KC-99999\"}");
    assertEquals(400, unknown.statusCode());
    assertTrue(error(unknown).contains("no card 'KC-99999'"), error(unknown));
    assertTrue(branch.slot().card().isEmpty());

    HttpResponse<String> coin = post("cash/insert", "{\"yen\":3,\"count\":1}");
    assertEquals(400, coin.statusCode());
    HttpResponse<String> closed = post("cash/insert", "{\"yen\":1000,\"count\":1}");
    assertEquals(409, closed.statusCode());
    assertTrue(error(closed).contains("cash slot is closed"), error(closed));
    assertEquals(0, branch.cashSlot().inTray().total());

    assertEquals(409, post("answer", "{\"sequence\":1,\"key\":\"x\"}").statusCode());
    assertEquals(409, post("pin", "{\"key\":\"1\"}").statusCode());
    assertEquals(400, post("pin", "{\"key\":\"#\"}").statusCode());
    assertEquals(400, post("language", "{\"language\":\"fr\"}").statusCode());
    assertEquals(400, post("answer", "not json").statusCode());
    assertEquals(400, post("operator", "{\"key\":\"nope\"}").statusCode());
    assertEquals(400, post("host", "{\"key\":\"decline\",\"code\":\"55\"}").statusCode());
    assertEquals(404, get("/receipts/receipt-9999.png").statusCode());
    assertEquals(404, get("/receipts/journal.db").statusCode());
    // Jetty refuses an encoded path separator before the page sees it.
    assertEquals(400, get("/receipts/..%2Fjournal.db").statusCode());
  }

  @Test
  void cardsAreNamedByIdOnlyAndAFixedBranchKeepsItsKind() throws Exception {
    HttpResponse<String> contents = get("/api/card/KC-10001");
    assertEquals(200, contents.statusCode());
    assertTrue(contents.body().contains("card id        KC-10001"), contents.body());
    assertFalse(contents.body().contains(Branch.CUSTOMERS.get(0).account().value()));
    assertFalse(contents.body().contains(branch.dir().toString()), "no branch folder shown");

    HttpResponse<String> drawn = get("/api/card/KC-10001/face.png");
    assertEquals(200, drawn.statusCode(), "a bank card's face is drawn from its chip");
    assertEquals("image/png", drawn.headers().firstValue("Content-Type").orElse(""));
    assertTrue(contents.body().contains("drawn from what its chip holds"), contents.body());
    assertEquals(404, get("/api/card/KC-99999").statusCode());
    HttpResponse<String> dotted = get("/api/card/..bank-host.db");
    assertEquals(400, dotted.statusCode());
    assertTrue(error(dotted).contains("is not a card id"), error(dotted));
    assertEquals(400, get("/api/card/..%2Fbank-host.db").statusCode());
    assertEquals(400, get("/api/card/cards%2FKC-10001.card/face.png").statusCode());

    HttpResponse<String> kind = post("terminal-kind", "{\"kind\":\"KIOSK\"}");
    assertEquals(409, kind.statusCode());
    assertTrue(error(kind).contains("stays a bank ATM"), error(kind));
    JsonNode state = json.readTree(get("/api/state").body());
    assertEquals("BANK_ATM", state.path("terminalKind").path("current").asText());
    assertFalse(state.path("terminalKind").path("changeable").asBoolean());
    String accounts = state.path("host").path("accounts").toString();
    assertTrue(accounts.contains("Kippu Railway"), accounts);
    assertTrue(accounts.contains(Branch.RAILWAY_ACCOUNT.masked()), accounts);
  }

  @Test
  void theHostDropsTheConnectionAndTheTerminalsLinkComesBack() throws Exception {
    long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (branch.bank().activeConnections() == 0 && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    assertTrue(branch.bank().activeConnections() > 0, "the terminal's link is up");

    HttpResponse<String> dropped = post("host", "{\"key\":\"drop-connection\"}");

    assertEquals(200, dropped.statusCode(), dropped.body());
    assertTrue(dropped.body().contains("connection(s) dropped"), dropped.body());
    assertFalse(dropped.body().contains(" 0 connection"), "an open connection was dropped");
    until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (branch.bank().activeConnections() == 0 && System.nanoTime() < until) {
      Thread.sleep(50);
    }
    assertTrue(branch.bank().activeConnections() > 0, "the link reconnected by itself");
  }

  @Test
  void theCenterSideShowsReservationsMessagesAndSettlementFromTheCentersOwnFile() throws Exception {
    var center = branch.plugin().center();
    var event = center.events().get(0);
    var seat = center.seats(event.eventId()).stream().filter(x -> x.available()).findFirst();
    var reservation =
        center.reserveToPayLater(
            event.eventId(),
            java.util.List.of(seat.orElseThrow().seatId()),
            new com.kippu.atm.card.CardId("KC-10001"),
            "WEB-PANEL-1");
    Thread.sleep(2_100); // the panel is read again at most every two seconds

    JsonNode panel = json.readTree(get("/api/state").body()).path("center");

    assertTrue(
        panel.path("reservations").toString().contains(reservation.number().value()),
        panel.path("reservations").toString());
    assertTrue(panel.path("reservations").get(0).path("error").isMissingNode(), panel.toString());
    for (String table : java.util.List.of("tickets", "outbox", "settlement")) {
      assertTrue(panel.path(table).isArray(), table);
      for (JsonNode row : panel.path(table)) {
        assertTrue(row.path("error").isMissingNode(), table + ": " + row);
      }
    }
    for (JsonNode line : panel.path("settlement")) {
      for (String figure :
          java.util.List.of("collected", "receivedByIssuer", "payable", "feeReceivable", "net")) {
        assertTrue(line.path(figure).isNumber(), figure + ": " + line);
      }
      assertEquals(
          line.path("payable").asLong() - line.path("feeReceivable").asLong(),
          line.path("net").asLong(),
          line.toString());
    }
  }
}
