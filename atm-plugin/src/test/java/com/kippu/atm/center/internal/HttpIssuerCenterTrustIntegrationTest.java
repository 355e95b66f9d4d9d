package com.kippu.atm.center.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.FakeIssuer;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.IssuerKeyTrust;
import com.kippu.atm.center.Quote;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.center.SignedDocument;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A man in the middle answering for the center over plain HTTP: whatever key or reservation it
 * substitutes, the terminal installed with the genuine root key refuses it.
 */
class HttpIssuerCenterTrustIntegrationTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final CardId CARD = new CardId("KC-10001");

  private final FakeIssuer genuine = new FakeIssuer("tokyo-dome-promo");
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  /** A stub center answering key certificates and reservations with what it is given. */
  private HttpIssuerCenter centerServing(SignedDocument certificate, SignedDocument reservation)
      throws IOException {
    return centerServing(certificate, reservation, reservation);
  }

  /** As above, answering direct-purchase quotes (F6) with {@code quote}. */
  private HttpIssuerCenter centerServing(
      SignedDocument certificate, SignedDocument reservation, SignedDocument quote)
      throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/issuers/",
        x -> answer(x, JSON.createObjectNode().set("certificate", envelope(certificate))));
    server.createContext(
        "/v1/reservations",
        x -> answer(x, JSON.createObjectNode().set("signedReservation", envelope(reservation))));
    server.createContext(
        "/v1/quotes", x -> answer(x, JSON.createObjectNode().set("signedQuote", envelope(quote))));
    server.start();
    return new HttpIssuerCenter(
        URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/"),
        "ATM00001",
        Duration.ofSeconds(5),
        Optional.empty(),
        new IssuerKeyTrust(genuine.rootKey()),
        Clock.systemUTC());
  }

  private static void answer(com.sun.net.httpserver.HttpExchange x, ObjectNode body)
      throws IOException {
    x.getRequestBody().readAllBytes();
    byte[] bytes = JSON.writeValueAsBytes(body);
    x.getResponseHeaders().add("Content-Type", "application/json");
    x.sendResponseHeaders(200, bytes.length);
    x.getResponseBody().write(bytes);
    x.close();
  }

  private static ObjectNode envelope(SignedDocument d) {
    Base64.Encoder b64 = Base64.getEncoder();
    return JSON.createObjectNode()
        .put("payload", b64.encodeToString(d.payload()))
        .put("signature", b64.encodeToString(d.signature()))
        .put("keyId", d.keyId())
        .put("algorithm", d.algorithm());
  }

  /** Reservation info naming {@code issuerAccount} as where the customer pays. */
  private static SignedDocument reservationBy(FakeIssuer issuer, String issuerAccount) {
    ObjectNode r =
        JSON.createObjectNode()
            .put("reservationNumber", "R7K2M9Q4XZ1")
            .put("requestNumber", "REQ-1")
            .put("cardId", CARD.value())
            .put("issuerId", "tokyo-dome-promo")
            .put("issuerName", "Tokyo Dome Promotions")
            .put("issuerAccount", issuerAccount)
            .put("eventId", "evt-1")
            .put("title", "Winter Concert")
            .put("venue", "Dome")
            .put("startsAt", "2026-12-24T18:00+09:00")
            .put("amountYen", 8800)
            .put("expiresAt", "2026-12-01T01:10:00Z");
    r.putArray("seats")
        .addObject()
        .put("seatId", "A-1-7")
        .put("section", "A")
        .put("row", "1")
        .put("number", 7)
        .put("priceYen", 8800);
    return issuer.signByIssuer(r);
  }

  private Reservation reserve(HttpIssuerCenter center) throws CenterException {
    return center.reserve(new EventId("evt-1"), List.of(new SeatId("A-1-7")), CARD, "REQ-1");
  }

  @Test
  void aGenuineChainIsTrusted() throws Exception {
    HttpIssuerCenter center =
        centerServing(genuine.certificate(), reservationBy(genuine, "0001-001-1234567"));
    assertEquals("0001-001-1234567", reserve(center).issuerAccount().value());
    assertEquals(genuine.issuerKey(), center.issuerKey(new IssuerId("tokyo-dome-promo")));
  }

  @Test
  void aSubstitutedKeyAndTheReservationSignedWithItAreRefused() throws Exception {
    FakeIssuer forger = genuine.forger();
    HttpIssuerCenter center =
        centerServing(forger.certificate(), reservationBy(forger, "0009-999-9999999"));
    CenterException e = assertThrows(CenterException.class, () -> reserve(center));
    assertEquals(IssuerKeyTrust.UNTRUSTED_KEY, e.code());
  }

  @Test
  void aReservationSignedByAnotherKeyUnderTheGenuineCertificateIsRefused() throws Exception {
    FakeIssuer forger = genuine.forger();
    HttpIssuerCenter center =
        centerServing(genuine.certificate(), reservationBy(forger, "0009-999-9999999"));
    CenterException e = assertThrows(CenterException.class, () -> reserve(center));
    assertEquals("BAD_SIGNATURE", e.code());
  }

  @Test
  void anotherIssuersCertificateDoesNotStandInForThisOne() throws Exception {
    FakeIssuer other = genuine.sibling("rail-east");
    HttpIssuerCenter center =
        centerServing(other.certificate(), reservationBy(genuine, "0001-001-1234567"));
    CenterException e =
        assertThrows(
            CenterException.class, () -> center.issuerKey(new IssuerId("tokyo-dome-promo")));
    assertEquals(IssuerKeyTrust.UNTRUSTED_KEY, e.code());
  }

  /** A direct-purchase quote naming {@code issuerAccount} as the payee (S1 ¶56, claim 6). */
  private static SignedDocument quoteBy(FakeIssuer issuer, String issuerAccount) {
    ObjectNode q =
        JSON.createObjectNode()
            .put("type", "kippu/quote/v1")
            .put("terminalId", "ATM00001")
            .put("cardId", CARD.value())
            .put("issuerId", "tokyo-dome-promo")
            .put("issuerName", "Tokyo Dome Promotions")
            .put("issuerAccount", issuerAccount)
            .put("eventId", "evt-1")
            .put("title", "Winter Concert")
            .put("venue", "Dome")
            .put("startsAt", "2026-12-24T18:00+09:00")
            .put("amountYen", 8800)
            .put("quotedAt", "2026-12-01T01:00:00Z")
            .put("validUntil", "2026-12-01T01:05:00Z");
    q.putArray("seats")
        .addObject()
        .put("seatId", "A-1-7")
        .put("section", "A")
        .put("row", "1")
        .put("number", 7)
        .put("priceYen", 8800);
    return issuer.signByIssuer(q);
  }

  private Quote quote(HttpIssuerCenter center) throws CenterException {
    return center.quote(new EventId("evt-1"), List.of(new SeatId("A-1-7")), CARD);
  }

  @Test
  void aQuoteSignedByTheCertifiedIssuerNamesThePayee() throws Exception {
    SignedDocument r = reservationBy(genuine, "0001-001-1234567");
    HttpIssuerCenter center =
        centerServing(genuine.certificate(), r, quoteBy(genuine, "0001-001-1234567"));
    Quote q = quote(center);
    assertEquals("0001-001-1234567", q.issuerAccount().value());
    assertEquals(8800, q.amount().yen());
  }

  @Test
  void aQuoteNamingAnotherPayeeUnderASubstitutedKeyIsRefused() throws Exception {
    FakeIssuer forger = genuine.forger();
    SignedDocument r = reservationBy(forger, "0009-999-9999999");
    HttpIssuerCenter center =
        centerServing(forger.certificate(), r, quoteBy(forger, "0009-999-9999999"));
    CenterException e = assertThrows(CenterException.class, () -> quote(center));
    assertEquals(IssuerKeyTrust.UNTRUSTED_KEY, e.code());
  }

  @Test
  void aQuoteSignedByAnotherKeyUnderTheGenuineCertificateIsRefused() throws Exception {
    FakeIssuer forger = genuine.forger();
    SignedDocument r = reservationBy(genuine, "0001-001-1234567");
    HttpIssuerCenter center =
        centerServing(genuine.certificate(), r, quoteBy(forger, "0009-999-9999999"));
    CenterException e = assertThrows(CenterException.class, () -> quote(center));
    assertEquals("BAD_SIGNATURE", e.code());
  }

  @Test
  void aGenuineQuoteForOtherSeatsIsNotAnAnswerToThisQuestion() throws Exception {
    SignedDocument r = reservationBy(genuine, "0001-001-1234567");
    HttpIssuerCenter center =
        centerServing(genuine.certificate(), r, quoteBy(genuine, "0001-001-1234567"));
    CenterException e =
        assertThrows(
            CenterException.class,
            () -> center.quote(new EventId("evt-1"), List.of(new SeatId("A-1-8")), CARD));
    assertEquals("BAD_ECHO", e.code());
  }
}
