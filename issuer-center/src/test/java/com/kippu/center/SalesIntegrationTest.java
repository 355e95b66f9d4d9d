package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The sales paths (F1/F2 pay later, F5 hold, F6 direct purchase), the one-payment-one-reservation
 * rule, delivery of sales records to issuers and settlement (S2 ¶25); one subclass per engine.
 */
abstract class SalesIntegrationTest extends CenterTestBase {

  private static ObjectNode reserve(String request, String seat, boolean payLater) {
    ObjectNode b =
        CenterClient.object()
            .put("eventId", "evt-2026-12-24-dome")
            .put("cardId", "CARD-0001")
            .put("requestNumber", request)
            .put("payLater", payLater);
    b.putArray("seatIds").add(seat);
    return b;
  }

  private static ObjectNode issueBody(long yen, String reference) {
    ObjectNode b = CenterClient.object().put("cardId", "CARD-0001");
    b.set("payment", CenterClient.payment(yen, reference));
    return b;
  }

  @Test
  void payLaterReservationOutlivesAHoldAndIsPaidAtAnotherTerminal() {
    CenterClient.Answer r =
        client.post("/v1/reservations", reserve("REQ-1", "A-1-1", true), "ATM-0001");
    assertEquals(201, r.status(), r.text());
    Instant deadline = Instant.parse(r.body().get("paymentDeadline").asText());
    assertEquals(clock.instant().plus(Duration.ofHours(72)), deadline);
    assertEquals(
        deadline.toString(),
        CenterClient.payload(r.body().get("signedReservation")).get("expiresAt").asText(),
        "the signed reservation info carries the deadline (written to the card, F1)");
    String number = r.body().get("reservationNumber").asText();

    clock.advance(Duration.ofHours(24));
    CenterClient.Answer issued =
        client.post("/v1/reservations/" + number + "/issue", issueBody(8_800, "RRN-1"), "ATM-0777");
    assertEquals(200, issued.status(), issued.text());

    CenterClient.Answer lapsed =
        client.post("/v1/reservations", reserve("REQ-2", "A-1-2", true), "ATM-0001");
    clock.advance(Duration.ofHours(73));
    CenterClient.Answer late =
        client.post(
            "/v1/reservations/" + lapsed.body().get("reservationNumber").asText() + "/issue",
            issueBody(8_800, "RRN-2"),
            "ATM-0001");
    assertEquals(409, late.status());
    assertEquals("RESERVATION_EXPIRED", late.error());
  }

  @Test
  void aDirectPurchasePaidTheWrongAmountIs422AndLeavesTheSeatOnSale() {
    CenterClient.Answer underpaid =
        client.post(
            "/v1/purchases",
            CenterClient.purchase("P-1", "CARD-0001", "A-1-1", 8_000, "RRN-1"),
            "ATM-0001");
    assertEquals(422, underpaid.status(), underpaid.text());
    assertEquals("AMOUNT_MISMATCH", underpaid.error());
    assertEquals("payment.amountYen", underpaid.body().get("field").asText());
    CenterClient.Answer paid =
        client.post(
            "/v1/purchases",
            CenterClient.purchase("P-2", "CARD-0001", "A-1-1", 8_800, "RRN-2"),
            "ATM-0001");
    assertEquals(201, paid.status(), "the seat went back on sale: " + paid.text());
  }

  @Test
  void directPurchasesAndReservationsNeverSellASeatTwice() throws Exception {
    List<Callable<CenterClient.Answer>> racers = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      int n = i;
      racers.add(
          () ->
              n % 2 == 0
                  ? client.post(
                      "/v1/purchases",
                      CenterClient.purchase(
                          "P-" + n, "CARD-0001", "S-2-" + (1 + n % 3), 12_000, "RRN-P" + n),
                      "ATM-" + n)
                  : client.post(
                      "/v1/reservations",
                      reserve("R-" + n, "S-2-" + (1 + n % 3), n % 4 == 1),
                      "ATM-" + n));
    }
    int won = 0;
    Set<String> seats = new HashSet<>();
    for (CenterClient.Answer a : race(racers)) {
      if (a.status() == 201) {
        won++;
        JsonNode info = CenterClient.payload(a.body().get("signedReservation"));
        assertTrue(seats.add(info.get("seats").get(0).get("seatId").asText()), "seat sold twice");
      } else {
        assertEquals(409, a.status(), a.text());
        assertEquals("SEAT_UNAVAILABLE", a.error());
      }
    }
    assertEquals(3, won, "exactly one winner per seat");
    assertEquals(Set.of("S-2-1", "S-2-2", "S-2-3"), seats);
  }

  @Test
  void aQuoteNamesPriceAndPayeeAndTheDirectPurchaseRepeatsUnderItsRequestNumber() {
    ObjectNode ask = CenterClient.object().put("eventId", "evt-2026-12-24-dome");
    ask.put("cardId", "CARD-0001").putArray("seatIds").add("A-3-1");
    CenterClient.Answer quoted = client.post("/v1/quotes", ask, "ATM-0001");
    assertEquals(201, quoted.status(), quoted.text());
    JsonNode quote = CenterClient.payload(quoted.body().get("signedQuote"));
    assertEquals("kippu/quote/v1", quote.get("type").asText());
    assertEquals(8_800, quote.get("amountYen").asLong());
    assertEquals("0009-001-7654321", quote.get("issuerAccount").asText(), "S1 ¶56: the payee");
    assertEquals("CARD-0001", quote.get("cardId").asText());

    ObjectNode buy = CenterClient.purchase("P-1", "CARD-0001", "A-3-1", 8_800, "RRN-Q1");
    CenterClient.Answer sold = client.post("/v1/purchases", buy, "ATM-0001");
    assertEquals(201, sold.status(), sold.text());
    CenterClient.Answer repeat = client.post("/v1/purchases", buy, "ATM-0001");
    assertEquals(201, repeat.status(), repeat.text());
    assertEquals(
        sold.body().get("ticketNumber").asText(),
        repeat.body().get("ticketNumber").asText(),
        "a repeat under the same request number is the same sale");

    CenterClient.Answer late = client.post("/v1/quotes", ask, "ATM-0002");
    assertEquals(409, late.status(), late.text());
    assertEquals("SEAT_UNAVAILABLE", late.error());
    ObjectNode unknown =
        CenterClient.object().put("eventId", "evt-none").put("cardId", "CARD-0001");
    unknown.putArray("seatIds").add("A-3-2");
    assertEquals(404, client.post("/v1/quotes", unknown, "ATM-0001").status());
  }

  @Test
  void aPaymentReferencePaysOneReservationOnly() throws Exception {
    String first =
        client
            .post("/v1/reservations", reserve("REQ-1", "A-2-1", false), "ATM-0001")
            .body()
            .get("reservationNumber")
            .asText();
    String second =
        client
            .post("/v1/reservations", reserve("REQ-2", "A-2-2", false), "ATM-0001")
            .body()
            .get("reservationNumber")
            .asText();
    CenterClient.Answer paid =
        client.post("/v1/reservations/" + first + "/issue", issueBody(8_800, "RRN-9"), "ATM-0001");
    assertEquals(200, paid.status());
    CenterClient.Answer reused =
        client.post("/v1/reservations/" + second + "/issue", issueBody(8_800, "RRN-9"), "ATM-0001");
    assertEquals(409, reused.status());
    assertEquals("PAYMENT_ALREADY_USED", reused.error());
    assertEquals("payment.reference", reused.body().get("field").asText());
    CenterClient.Answer retry =
        client.post("/v1/reservations/" + first + "/issue", issueBody(8_800, "RRN-9"), "ATM-0001");
    assertEquals(
        paid.body().get("ticketNumber"),
        retry.body().get("ticketNumber"),
        "idempotent per reservation");

    List<String> numbers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      numbers.add(
          client
              .post("/v1/reservations", reserve("REQ-R" + i, "A-3-" + (i + 1), false), "ATM-0001")
              .body()
              .get("reservationNumber")
              .asText());
    }
    List<Callable<CenterClient.Answer>> racers = new ArrayList<>();
    for (String n : numbers) {
      racers.add(
          () ->
              client.post(
                  "/v1/reservations/" + n + "/issue", issueBody(8_800, "RRN-RACE"), "ATM-0001"));
    }
    List<CenterClient.Answer> answers = race(racers);
    assertEquals(1, answers.stream().filter(a -> a.status() == 200).count(), answers.toString());
    assertTrue(
        answers.stream()
            .filter(a -> a.status() != 200)
            .allMatch(a -> a.error().equals("PAYMENT_ALREADY_USED")));
  }

  @Test
  void eachSaleSaysWhoReceivedTheMoney() throws Exception {
    List<JsonNode> bodies = new ArrayList<>();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/sales",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          synchronized (bodies) {
            bodies.add(CenterClient.JSON.readTree(body));
          }
          ex.sendResponseHeaders(204, -1);
          ex.close();
        });
    receiver.start();
    try {
      String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/sales";
      assertEquals(200, enrol("tokyo-dome-promo", "PROMOTER", 250, endpoint).status());
      ObjectNode credit = CenterClient.purchase("P-1", "CARD-0001", "A-1-1", 8_800, "RRN-C1");
      ((ObjectNode) credit.get("payment")).put("method", "CREDIT_CARD").put("acquirer", "JCB");
      ((ObjectNode) credit.get("payment"))
          .putObject("details")
          .put("maskedCard", "498000******1235");
      ObjectNode eMoney = CenterClient.purchase("P-2", "CARD-0002", "A-1-2", 8_800, "TX-7");
      ((ObjectNode) eMoney.get("payment")).put("method", "EMONEY").put("acquirer", "kippu-purse");
      ((ObjectNode) eMoney.get("payment"))
          .putObject("details")
          .put("purseId", "CARD-0002")
          .put("purseSequence", "7")
          .put("purseBalanceAfterYen", "1200")
          .put("purseTransactionId", "TX-7");
      for (ObjectNode body : List.of(credit, eMoney)) {
        CenterClient.Answer sold = client.post("/v1/purchases", body, "ATM-0001");
        assertEquals(201, sold.status(), sold.text());
      }

      assertEquals(2, server.deliverOutbox().delivered());
      JsonNode byCard =
          bodies.stream()
              .filter(b -> b.get("paymentMethod").asText().equals("CREDIT_CARD"))
              .findFirst()
              .orElseThrow();
      assertEquals("OPERATOR", byCard.get("receivedBy").asText(), "the card company pays us");
      assertEquals("JCB", byCard.get("paymentAcquirer").asText());
      JsonNode byPurse =
          bodies.stream()
              .filter(b -> b.get("paymentMethod").asText().equals("EMONEY"))
              .findFirst()
              .orElseThrow();
      assertEquals("ISSUER", byPurse.get("receivedBy").asText(), "S1 ¶112");
      assertEquals(7, byPurse.get("purse").get("sequence").asLong());
      assertEquals("CARD-0002", byPurse.get("purse").get("purseId").asText());

      String detail = client.admin("GET", "/v1/settlements/2026-12/tokyo-dome-promo", null).text();
      assertTrue(detail.contains(",CREDIT_CARD,JCB,RRN-C1,OPERATOR,8800"), detail);
      assertTrue(detail.contains(",EMONEY,kippu-purse,TX-7,ISSUER,8800"), detail);

      // Paid both ways at 250 bp: the operator pays the issuer the card company's 8,800 less 220,
      // and bills it 220 on the 8,800 the purse sent it; net 8,360.
      String summary = client.admin("GET", "/v1/settlements/2026-12", null).text();
      assertTrue(
          summary.startsWith(
              "\uFEFFperiod,issuer_id,issuer_name,payments,sales_yen,collected_yen,"
                  + "received_by_issuer_yen,fee_bps,fee_yen,net_payable_yen,payable_yen,"
                  + "fee_receivable_yen\r\n"),
          summary);
      assertTrue(
          summary.contains(
              "2026-12,tokyo-dome-promo,tokyo-dome-promo Co.,2,17600,8800,8800,250,440,8360,8580,220"
                  + "\r\n"),
          summary);
    } finally {
      receiver.stop(0);
    }
  }

  @Test
  void salesReachTheIssuerAtLeastOnceAndSettlementReconciles() throws Exception {
    Map<String, Integer> seen = new ConcurrentHashMap<>();
    List<JsonNode> bodies = new ArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext(
        "/sales",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          int status = calls.incrementAndGet() == 1 ? 500 : 204; // the first delivery fails
          if (status == 204) {
            String key = ex.getRequestHeaders().getFirst("Idempotency-Key");
            if (seen.merge(key, 1, Integer::sum) == 1) {
              synchronized (bodies) {
                bodies.add(CenterClient.JSON.readTree(body));
              }
            }
          }
          ex.sendResponseHeaders(status, -1);
          ex.close();
        });
    receiver.start();
    try {
      String endpoint = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/sales";
      assertEquals(200, enrol("tokyo-dome-promo", "PROMOTER", 333, endpoint).status());
      buy("P-1", "CARD-0001", "S-1-1", 12_000, "RRN-1");
      buy("P-2", "CARD-0001", "A-1-1", 8_800, "RRN-2");
      buy("P-3", "CARD-0002", "A-1-2", 8_800, "RRN-3");

      var first = server.deliverOutbox();
      assertEquals(3, first.enqueued());
      assertEquals(1, first.failed());
      assertEquals(2, first.delivered());
      assertEquals(
          0, server.deliverOutbox().delivered(), "the failed one waits for its retry time");
      clock.advance(Duration.ofSeconds(30));
      assertEquals(1, server.deliverOutbox().delivered());
      assertEquals(0, server.deliverOutbox().enqueued(), "each sale enters the outbox once");
      assertEquals(3, seen.size());
      long delivered = bodies.stream().mapToLong(b -> b.get("amountYen").asLong()).sum();
      assertEquals(29_600, delivered);
      assertTrue(
          bodies.stream().allMatch(b -> b.get("idempotencyKey").asText().startsWith("sale-T")));
      assertTrue(
          bodies.stream()
              .allMatch(
                  b ->
                      b.get("receivedBy").asText().equals("ISSUER")
                          && b.get("paymentAcquirer").asText().equals("000001")),
          "an account transfer reaches the issuer's account (S1 ¶57): " + bodies);

      CenterClient.Answer csv = client.admin("GET", "/v1/settlements/2026-12", null);
      assertEquals(200, csv.status());
      assertTrue(csv.contentType().startsWith("text/csv"));
      String line =
          csv.text().lines().filter(l -> l.contains("tokyo-dome-promo")).findFirst().orElseThrow();
      // The issuer's own account received all 29,600 yen (account transfers): nothing is paid out
      // again (payable 0); the fee at 333 bps = 985.68 -> 985 (fractions dropped) is billed to the
      // issuer (fee receivable 985).
      assertEquals(
          "2026-12,tokyo-dome-promo,tokyo-dome-promo Co.,3,29600,0,29600,333,985,-985,0,985", line);

      CenterClient.Answer detail =
          client.admin("GET", "/v1/settlements/2026-12/tokyo-dome-promo", null);
      long recorded =
          detail
              .text()
              .lines()
              .skip(1)
              .mapToLong(l -> Long.parseLong(l.substring(l.lastIndexOf(',') + 1)))
              .sum();
      assertEquals(29_600, recorded, "the statement adds up to the recorded payments exactly");
      assertEquals(
          "\uFEFFrecorded_at,issuer_id,kind,subject,method,acquirer,reference,received_by,amount_yen",
          detail.text().lines().findFirst().orElseThrow());
      assertTrue(
          detail
              .text()
              .lines()
              .skip(1)
              .allMatch(l -> l.contains(",000001,RRN-") && l.contains(",ISSUER,")),
          detail.text());
      assertEquals(delivered, recorded, "and to the sales records the issuer received");
      String november = client.admin("GET", "/v1/settlements/2026-11", null).text();
      assertTrue(
          november.contains("tokyo-dome-promo,tokyo-dome-promo Co.,0,0,0,0,333,0,0"), november);
    } finally {
      receiver.stop(0);
    }
  }
}
