package com.kippu.atm.center.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.CommuterPass;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.ReservationNumber;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.center.Seating;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the issuer's signed payloads (reservation and ticket info) into domain records. Used on the
 * terminal after a signature check and on the card reader side after decryption, so both see the
 * same fields.
 */
public final class DocumentParser {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DocumentParser() {}

  public static SignedDocument envelope(JsonNode node) throws CenterException {
    try {
      Base64.Decoder b64 = Base64.getDecoder();
      return new SignedDocument(
          b64.decode(text(node, "payload")),
          b64.decode(text(node, "signature")),
          text(node, "keyId"),
          text(node, "algorithm"));
    } catch (IllegalArgumentException e) {
      throw new CenterException("BAD_DOCUMENT", "signed document is not valid base64", e);
    }
  }

  public static Reservation reservation(SignedDocument signed) throws CenterException {
    return reservation(tree(signed), signed);
  }

  public static Ticket ticket(SignedDocument signed) throws CenterException {
    JsonNode t = tree(signed);
    JsonNode content = required(t, "content");
    JsonNode payment = required(t, "payment");
    JsonNode reservation = required(t, "reservation");
    try {
      return new Ticket(
          text(t, "ticketNumber"),
          required(t, "issueNumber").asLong(),
          new IssuerId(text(t, "issuerId")),
          text(t, "issuerName"),
          Instant.parse(text(t, "issuedAt")),
          new CardId(text(t, "cardId")),
          new EventId(text(content, "eventId")),
          text(content, "title"),
          text(content, "venue"),
          text(content, "startsAt"),
          seats(required(content, "seats")),
          payment(payment),
          new ReservationNumber(text(reservation, "reservationNumber")),
          signed);
    } catch (RuntimeException e) {
      throw new CenterException("BAD_DOCUMENT", "ticket info is malformed: " + e.getMessage(), e);
    }
  }

  /** The commuter pass a railway signed (payload type {@code kippu/commuter-pass/v1}). */
  public static CommuterPass pass(SignedDocument signed) throws CenterException {
    JsonNode p = tree(signed);
    if (!"kippu/commuter-pass/v1".equals(p.path("type").asText())) {
      throw new CenterException("BAD_DOCUMENT", "not a commuter pass: " + p.path("type").asText());
    }
    JsonNode payment = required(p, "payment");
    try {
      return new CommuterPass(
          text(p, "passNumber"),
          new IssuerId(text(p, "issuerId")),
          text(p, "issuerName"),
          text(p, "productId"),
          text(p, "name"),
          new CardId(text(p, "cardId")),
          text(p, "holderName"),
          text(p, "fareClass"),
          text(p, "line"),
          text(p, "fromStation"),
          text(p, "toStation"),
          LocalDate.parse(text(p, "validFrom")),
          LocalDate.parse(text(p, "validUntil")),
          Money.yen(required(p, "amountYen").asLong()),
          text(payment, "method"),
          text(payment, "reference"),
          text(p, "requestNumber"),
          signed);
    } catch (RuntimeException e) {
      throw new CenterException("BAD_DOCUMENT", "commuter pass is malformed: " + e.getMessage(), e);
    }
  }

  /**
   * The payment as the terminal sent it; tickets issued before the center kept acquirers and
   * details have neither.
   */
  private static PaymentProof payment(JsonNode p) throws CenterException {
    Map<String, String> details = new TreeMap<>();
    JsonNode d = p.get("details");
    if (d != null && !d.isNull()) {
      if (!d.isObject()) {
        throw new CenterException("BAD_DOCUMENT", "payment details are not an object");
      }
      d.properties().forEach(e -> details.put(e.getKey(), e.getValue().asText()));
    }
    JsonNode acquirer = p.get("acquirer");
    return new PaymentProof(
        text(p, "method"),
        Money.yen(required(p, "amountYen").asLong()),
        text(p, "reference"),
        text(p, "approvalCode"),
        text(p, "stan"),
        Instant.parse(text(p, "paidAt")),
        acquirer == null || acquirer.isNull() ? "" : acquirer.asText(),
        details);
  }

  private static Reservation reservation(JsonNode r, SignedDocument signed) throws CenterException {
    try {
      return new Reservation(
          new ReservationNumber(text(r, "reservationNumber")),
          text(r, "requestNumber"),
          new CardId(text(r, "cardId")),
          new IssuerId(text(r, "issuerId")),
          text(r, "issuerName"),
          new AccountNumber(text(r, "issuerAccount")),
          new EventId(text(r, "eventId")),
          text(r, "title"),
          text(r, "venue"),
          text(r, "startsAt"),
          seats(required(r, "seats")),
          Money.yen(required(r, "amountYen").asLong()),
          Instant.parse(text(r, "expiresAt")),
          signed);
    } catch (RuntimeException e) {
      throw new CenterException(
          "BAD_DOCUMENT", "reservation info is malformed: " + e.getMessage(), e);
    }
  }

  static List<ReservedSeat> seats(JsonNode array) throws CenterException {
    List<ReservedSeat> seats = new ArrayList<>();
    for (JsonNode s : array) {
      seats.add(
          new ReservedSeat(
              new SeatId(text(s, "seatId")),
              text(s, "section"),
              text(s, "row"),
              required(s, "number").asInt(),
              Money.yen(required(s, "priceYen").asLong()),
              Seating.of(s.path("seating").asText(""))));
    }
    return seats;
  }

  private static JsonNode tree(SignedDocument signed) throws CenterException {
    try {
      return JSON.readTree(signed.payload());
    } catch (IOException e) {
      throw new CenterException("BAD_DOCUMENT", "signed payload is not JSON", e);
    }
  }

  public static JsonNode required(JsonNode node, String field) throws CenterException {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new CenterException("BAD_DOCUMENT", "missing field '" + field + "'");
    }
    return value;
  }

  public static String text(JsonNode node, String field) throws CenterException {
    return required(node, field).asText();
  }
}
