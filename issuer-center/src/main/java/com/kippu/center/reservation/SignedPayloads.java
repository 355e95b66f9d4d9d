package com.kippu.center.reservation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.catalog.Event;
import com.kippu.center.catalog.Issuer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes the reservation info and ticket info that the issuer signs (S1 ¶61, S1 F1) as UTF-8 JSON.
 * The bytes written here are signed and stored once; nothing re-serialises them later, so field
 * order and formatting never have to be reproduced.
 */
public final class SignedPayloads {
  private static final ObjectMapper JSON = new ObjectMapper();

  private SignedPayloads() {}

  /**
   * Reservation info: the authenticated echo of the terminal's request (S1 F1). Written straight to
   * bytes (every best-available hold signs one): the same fields, in the same order, as a tree.
   */
  public static byte[] reservation(Reservation r, Issuer issuer, Event event) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(768);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("reservationNumber", r.number().value());
      g.writeStringField("requestNumber", r.requestNumber().value());
      g.writeStringField("cardId", r.cardId().value());
      g.writeStringField("terminalId", r.terminalId().value());
      g.writeStringField("issuerId", issuer.issuerId().value());
      g.writeStringField("issuerName", issuer.name());
      g.writeStringField("issuerAccount", issuer.bankAccount());
      g.writeStringField("eventId", event.eventId().value());
      g.writeStringField("title", event.title());
      g.writeStringField("venue", event.venue());
      g.writeStringField("startsAt", event.startsAtText());
      writeSeats(g, r.seats(), event.seating());
      g.writeNumberField("amountYen", r.amountYen());
      g.writeStringField("reservedAt", r.reservedAt().toString());
      g.writeStringField("expiresAt", r.expiresAt().toString());
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode signed payload", e);
    }
    return out.toByteArray();
  }

  /**
   * Ticket info (S1 ¶61): content, issuer, issue date/time, issue and ticket numbers, payment, card
   * id and the full signed reservation info embedded.
   */
  public static byte[] ticket(
      TicketNumber ticketNumber,
      long issueNumber,
      Issuer issuer,
      Instant issuedAt,
      Reservation r,
      Event event,
      PaymentProof payment,
      byte[] reservationPayload) {
    ObjectNode p = JSON.createObjectNode();
    p.put("ticketNumber", ticketNumber.value());
    p.put("issueNumber", issueNumber);
    p.put("issuerId", issuer.issuerId().value());
    p.put("issuerName", issuer.name());
    p.put("issuedAt", issuedAt.toString());
    p.put("cardId", r.cardId().value());
    ObjectNode content = p.putObject("content");
    content.put("eventId", event.eventId().value());
    content.put("title", event.title());
    content.put("venue", event.venue());
    content.put("startsAt", event.startsAtText());
    seats(content.putArray("seats"), r.seats(), event.seating());
    ObjectNode paid = p.putObject("payment");
    paid.put("method", payment.method().name());
    paid.put("amountYen", payment.amountYen());
    paid.put("reference", payment.reference());
    paid.put("approvalCode", payment.approvalCode());
    paid.put("stan", payment.stan());
    paid.put("paidAt", payment.paidAt().toString());
    paid.put("acquirer", payment.acquirer());
    paid.put("terminalId", payment.terminalId().value());
    if (!payment.details().isEmpty()) {
      ObjectNode details = paid.putObject("details");
      payment.details().forEach(details::put);
    }
    p.set("reservation", tree(reservationPayload));
    return bytes(p);
  }

  /** Writes {@code seats} as the field "seats" the signed reservation and the hold answer share. */
  public static void writeSeats(JsonGenerator g, List<ReservedSeat> seats) throws IOException {
    writeSeats(g, seats, "VENUE");
  }

  /**
   * As {@link #writeSeats(JsonGenerator, List)}, naming the event's {@code seating} on each seat
   * ({@code "seating": "CAR"} for a train; nothing for a venue, so venue documents are unchanged).
   */
  public static void writeSeats(JsonGenerator g, List<ReservedSeat> seats, String seating)
      throws IOException {
    g.writeArrayFieldStart("seats");
    for (ReservedSeat s : seats) {
      g.writeStartObject();
      g.writeStringField("seatId", s.seatId().value());
      g.writeStringField("section", s.section());
      g.writeStringField("row", s.row());
      g.writeNumberField("number", s.number());
      g.writeNumberField("priceYen", s.priceYen());
      if (!"VENUE".equals(seating)) {
        g.writeStringField("seating", seating);
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void seats(ArrayNode array, List<ReservedSeat> seats, String seating) {
    for (ReservedSeat s : seats) {
      ObjectNode seat = array.addObject();
      seat.put("seatId", s.seatId().value());
      seat.put("section", s.section());
      seat.put("row", s.row());
      seat.put("number", s.number());
      seat.put("priceYen", s.priceYen());
      if (!"VENUE".equals(seating)) {
        seat.put("seating", seating);
      }
    }
  }

  private static JsonNode tree(byte[] json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new IllegalStateException("stored reservation info is not JSON", e);
    }
  }

  private static byte[] bytes(ObjectNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode signed payload", e);
    }
  }
}
