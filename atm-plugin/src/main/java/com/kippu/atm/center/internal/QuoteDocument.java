package com.kippu.atm.center.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.Quote;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.center.Seating;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the issuer's signed quote (type {@value #TYPE}) for a direct purchase. */
final class QuoteDocument {
  static final String TYPE = "kippu/quote/v1";

  private static final ObjectMapper JSON = new ObjectMapper();

  private QuoteDocument() {}

  static Quote parse(SignedDocument signed) throws CenterException {
    JsonNode q;
    try {
      q = JSON.readTree(signed.payload());
    } catch (IOException e) {
      throw new CenterException("BAD_DOCUMENT", "signed quote is not JSON", e);
    }
    if (!TYPE.equals(q.path("type").asText())) {
      throw new CenterException("BAD_DOCUMENT", "not a quote: type " + q.path("type").asText());
    }
    try {
      List<ReservedSeat> seats = new ArrayList<>();
      for (JsonNode s : DocumentParser.required(q, "seats")) {
        seats.add(
            new ReservedSeat(
                new SeatId(DocumentParser.text(s, "seatId")),
                DocumentParser.text(s, "section"),
                DocumentParser.text(s, "row"),
                DocumentParser.required(s, "number").asInt(),
                Money.yen(DocumentParser.required(s, "priceYen").asLong()),
                Seating.of(s.path("seating").asText(""))));
      }
      return new Quote(
          new IssuerId(DocumentParser.text(q, "issuerId")),
          DocumentParser.text(q, "issuerName"),
          new AccountNumber(DocumentParser.text(q, "issuerAccount")),
          new EventId(DocumentParser.text(q, "eventId")),
          DocumentParser.text(q, "title"),
          DocumentParser.text(q, "venue"),
          DocumentParser.text(q, "startsAt"),
          seats,
          Money.yen(DocumentParser.required(q, "amountYen").asLong()),
          q.hasNonNull("cardId")
              ? Optional.of(new CardId(DocumentParser.text(q, "cardId")))
              : Optional.empty(),
          Instant.parse(DocumentParser.text(q, "validUntil")),
          signed);
    } catch (RuntimeException e) {
      throw new CenterException("BAD_DOCUMENT", "quote is malformed: " + e.getMessage(), e);
    }
  }

  /** The quote must answer this terminal's question: these seats, for this card or for none. */
  static void checkEcho(Quote quote, EventId eventId, List<SeatId> seatIds, Optional<CardId> cardId)
      throws CenterException {
    if (!quote.eventId().equals(eventId)
        || !quote.seatIds().equals(seatIds)
        || !quote.cardId().equals(cardId)) {
      throw new CenterException(
          "BAD_ECHO", "the quote is for other seats or another card than asked");
    }
  }
}
