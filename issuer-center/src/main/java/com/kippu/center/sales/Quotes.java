package com.kippu.center.sales;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.center.card.CardStanding;
import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.Event;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.Issuer;
import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatId;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.Outcome;
import com.kippu.center.reservation.ReservedSeat;
import com.kippu.center.reservation.Result;
import com.kippu.center.reservation.SignedPayloads;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.signing.SignedDocument;
import com.kippu.center.signing.SigningKey;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Quotes for a direct purchase (F6, S1 ¶109): whether the seats can be sold now, at what price, and
 * into which issuer account to pay (S1 ¶56, claim 6), signed by the issuer so a terminal pays only
 * an account the issuer named. A quote holds nothing and is stored nowhere: the purchase that
 * follows claims the seats and refuses a payment of another amount.
 */
public final class Quotes {
  public static final String TYPE = "kippu/quote/v1";

  /** How long a terminal may pay on a quote before asking again. */
  public static final Duration VALIDITY = Duration.ofMinutes(5);

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CatalogRepository catalog;
  private final CardStanding cards;
  private final Clock clock;

  public Quotes(CatalogRepository catalog, CardStanding cards, Clock clock) {
    this.catalog = catalog;
    this.cards = cards;
    this.clock = clock;
  }

  /**
   * The quote for {@code seatIds}; {@code cardId} is absent when the card is not known yet (a kiosk
   * issuing onto a blank card from its stocker after payment, F7), and then not in the quote.
   */
  public Result<SignedDocument> quote(
      TerminalId terminal, EventId eventId, List<SeatId> seatIds, Optional<CardId> cardId) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Optional<String> refused = cardId.flatMap(id -> cards.refusalForEvent(id, eventId));
    if (refused.isPresent()) {
      return Result.failed(Outcome.CARD_LOST, refused.get(), "cardId");
    }
    Optional<Event> event = catalog.event(eventId);
    Optional<List<Seat>> map = catalog.seats(eventId, now);
    if (event.isEmpty() || map.isEmpty()) {
      return Result.failed(Outcome.EVENT_NOT_FOUND, "no event " + eventId, "eventId");
    }
    Map<SeatId, Seat> byId =
        map.get().stream().collect(Collectors.toMap(Seat::seatId, Function.identity()));
    List<SeatId> missing = seatIds.stream().filter(id -> !byId.containsKey(id)).toList();
    if (!missing.isEmpty()) {
      return Result.seatsFailed(
          Outcome.SEAT_NOT_FOUND, "no such seats in " + eventId + ": " + missing, missing);
    }
    List<SeatId> taken = seatIds.stream().filter(id -> !byId.get(id).available()).toList();
    if (!taken.isEmpty()) {
      return Result.seatsFailed(Outcome.SEAT_UNAVAILABLE, "seats not available: " + taken, taken);
    }
    Issuer issuer =
        catalog
            .issuer(event.get().issuerId())
            .orElseThrow(() -> new IllegalStateException("catalog names unknown issuer"));
    SigningKey key =
        catalog
            .signingKey(issuer.issuerId())
            .orElseThrow(() -> new IllegalStateException(issuer.issuerId() + " has no key"));
    List<ReservedSeat> seats = seatIds.stream().map(id -> ReservedSeat.of(byId.get(id))).toList();
    return Result.created(key.sign(payload(terminal, cardId, issuer, event.get(), seats, now)));
  }

  private static byte[] payload(
      TerminalId terminal,
      Optional<CardId> cardId,
      Issuer issuer,
      Event event,
      List<ReservedSeat> seats,
      Instant now) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512);
    try (JsonGenerator g = JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("type", TYPE);
      g.writeStringField("terminalId", terminal.value());
      if (cardId.isPresent()) {
        g.writeStringField("cardId", cardId.get().value());
      }
      g.writeStringField("issuerId", issuer.issuerId().value());
      g.writeStringField("issuerName", issuer.name());
      g.writeStringField("issuerAccount", issuer.bankAccount());
      g.writeStringField("eventId", event.eventId().value());
      g.writeStringField("title", event.title());
      g.writeStringField("venue", event.venue());
      g.writeStringField("startsAt", event.startsAtText());
      SignedPayloads.writeSeats(g, seats, event.seating());
      g.writeNumberField("amountYen", seats.stream().mapToLong(ReservedSeat::priceYen).sum());
      g.writeStringField("quotedAt", now.toString());
      g.writeStringField("validUntil", now.plus(VALIDITY).toString());
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode quote", e);
    }
    return out.toByteArray();
  }
}
