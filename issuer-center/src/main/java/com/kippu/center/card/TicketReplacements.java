package com.kippu.center.card;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.common.Answer;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.NumberGenerator;
import com.kippu.center.reservation.TicketNumber;
import com.kippu.center.signing.SigningKey;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Replaces a ticket whose printing a terminal could not confirm (paper out mid-ticket, a crash
 * while printing): the ticket is revoked, so gates refuse it online and through the revocation
 * list, and the same seats are issued again under a new number, signed by the issuer, for the same
 * card and payment. A ticket is replaced at most once: asking again returns the same replacement,
 * so a terminal that lost the answer asks again and the first print and the reprint are never both
 * valid. A ticket used at a gate, or on a lost card, is not replaced.
 */
public final class TicketReplacements {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CardRepository cards;
  private final CatalogRepository catalog;
  private final NumberGenerator numbers;
  private final Clock clock;

  public TicketReplacements(
      CardRepository cards, CatalogRepository catalog, NumberGenerator numbers, Clock clock) {
    this.cards = cards;
    this.catalog = catalog;
    this.numbers = numbers;
    this.clock = clock;
  }

  public Answer<CardOutcome, ReissuedTicket> replace(
      TicketNumber number, CardId cardId, String reason) {
    Optional<CardTicket> found =
        cards.ticketsOn(cardId).stream().filter(t -> t.ticketNumber().equals(number)).findFirst();
    if (found.isEmpty()) {
      return Answer.refused(
          CardOutcome.TICKET_NOT_FOUND,
          "no ticket " + number + " was issued to card " + cardId,
          "ticketNumber");
    }
    CardTicket ticket = found.get();
    if (cards.lostAt(cardId).isPresent()) {
      return Answer.refused(CardOutcome.CARD_LOST, "card " + cardId + " is lost", "cardId");
    }
    if (ticket.used()) {
      return Answer.refused(
          CardOutcome.TICKET_USED, "ticket " + number + " was used at a gate", "ticketNumber");
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    SigningKey key =
        catalog
            .signingKey(ticket.issuerId())
            .orElseThrow(
                () -> new IllegalStateException("issuer " + ticket.issuerId() + " has no key"));
    TicketNumber fresh = numbers.ticketNumber();
    ReissuedTicket replacement =
        new ReissuedTicket(
            fresh,
            number,
            ticket.reservationNumber(),
            ticket.issuerId(),
            cardId,
            now,
            key.sign(payload(ticket.payload(), fresh, now, number)));
    String why = reason == null || reason.isBlank() ? "replaced" : reason;
    return Answer.of(CardOutcome.REISSUED, cards.replace(replacement, why));
  }

  /** The ticket info with the new number and time, naming the ticket it replaces. */
  private static byte[] payload(
      byte[] original, TicketNumber number, Instant at, TicketNumber replaced) {
    try {
      ObjectNode p = (ObjectNode) JSON.readTree(original);
      p.put("ticketNumber", number.value());
      p.put("issuedAt", at.toString());
      p.put("replaces", replaced.value());
      return JSON.writeValueAsBytes(p);
    } catch (IOException | ClassCastException e) {
      throw new IllegalStateException("stored ticket info is not a JSON object", e);
    }
  }
}
