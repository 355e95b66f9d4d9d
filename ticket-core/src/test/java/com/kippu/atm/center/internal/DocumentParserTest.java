package com.kippu.atm.center.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.payment.Money;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DocumentParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Ticket info as the center signs it, with {@code payment} as given. */
  private static SignedDocument ticket(ObjectNode payment) throws Exception {
    ObjectNode t =
        JSON.createObjectNode()
            .put("ticketNumber", "T1")
            .put("issueNumber", 1)
            .put("issuerId", "tokyo-dome-promo")
            .put("issuerName", "Promo")
            .put("issuedAt", "2026-12-01T01:02:04Z")
            .put("cardId", "KC-10001");
    ObjectNode content =
        t.putObject("content")
            .put("eventId", "evt-2026-12-24-dome")
            .put("title", "Concert")
            .put("venue", "Dome")
            .put("startsAt", "2026-12-24T18:00+09:00");
    content
        .putArray("seats")
        .addObject()
        .put("seatId", "A-1-1")
        .put("section", "A")
        .put("row", "1")
        .put("number", 1)
        .put("priceYen", 8800);
    t.set("payment", payment);
    t.putObject("reservation").put("reservationNumber", "R7K2M9Q4XZ1");
    return new SignedDocument(JSON.writeValueAsBytes(t), new byte[64], "promo#1", "Ed25519");
  }

  @Test
  void theTicketsPaymentRoundTripsAcquirerAndDetails() throws Exception {
    PaymentProof sent =
        new PaymentProof(
            PaymentProof.CREDIT_CARD,
            Money.yen(8800),
            "633512345678",
            "A1B2C3",
            "000123",
            Instant.parse("2026-12-01T01:02:03Z"),
            "JCB",
            Map.of(PaymentProof.MASKED_CARD, "498000******1235"));
    ObjectNode payment =
        JSON.createObjectNode()
            .put("method", "CREDIT_CARD")
            .put("amountYen", 8800)
            .put("reference", "633512345678")
            .put("approvalCode", "A1B2C3")
            .put("stan", "000123")
            .put("paidAt", "2026-12-01T01:02:03Z")
            .put("acquirer", "JCB")
            .put("terminalId", "ATM00001");
    payment.putObject("details").put("maskedCard", "498000******1235");

    assertEquals(sent, DocumentParser.ticket(ticket(payment)).payment());
  }

  @Test
  void aTicketIssuedBeforeAcquirersWereKeptStillParses() throws Exception {
    ObjectNode payment =
        JSON.createObjectNode()
            .put("method", "ACCOUNT_TRANSFER")
            .put("amountYen", 8800)
            .put("reference", "633512345678")
            .put("approvalCode", "A1B2C3")
            .put("stan", "000123")
            .put("paidAt", "2026-12-01T01:02:03Z");

    PaymentProof parsed = DocumentParser.ticket(ticket(payment)).payment();
    assertEquals("", parsed.acquirer());
    assertEquals(Map.of(), parsed.details());
  }
}
