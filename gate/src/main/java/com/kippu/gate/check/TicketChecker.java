package com.kippu.gate.check;

import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerKeyTrust;
import com.kippu.atm.center.RevocationList;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.center.internal.DocumentParser;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;

/**
 * The gate's offline decision for one signed ticket (F8, S1 ¶79): issuer signature through the
 * certified key, the card it was issued to, the revocation list and its age, event, venue and gate
 * window, and single use (a USED mark on the card or an admission in the gate's store). The first
 * failing check refuses, in that order, so staff see the most basic reason.
 */
public final class TicketChecker {
  private final GatePolicy policy;
  private final IssuerKeyTrust trust;
  private final GateStore store;
  private volatile RevocationList revocations;

  public TicketChecker(GatePolicy policy, IssuerKeyTrust trust, GateStore store) {
    this.policy = policy;
    this.trust = trust;
    this.store = store;
  }

  public GatePolicy policy() {
    return policy;
  }

  /** Uses {@code list} from now on unless the list in use has a higher version. */
  public synchronized void use(RevocationList list) {
    if (revocations == null || list.version() >= revocations.version()) {
      revocations = list;
    }
  }

  public Optional<RevocationList> revocations() {
    return Optional.ofNullable(revocations);
  }

  /**
   * @param card the card the ticket was read from, or empty for a printed ticket
   * @param usedOnCard ticket numbers the card's USED marks name
   */
  public Check check(
      SignedDocument signed, Optional<CardId> card, Set<String> usedOnCard, Instant now) {
    Ticket ticket;
    try {
      ticket = DocumentParser.ticket(signed);
    } catch (CenterException e) {
      return Check.refused(null, Refusal.UNREADABLE, e.getMessage());
    }
    if (trust.key(ticket.issuerId()).isEmpty()) {
      return Check.refused(ticket, Refusal.UNTRUSTED_ISSUER, "issuer " + ticket.issuerId());
    }
    if (!trust.verify(signed, ticket.issuerId())) {
      return Check.refused(
          ticket, Refusal.BAD_SIGNATURE, "key " + signed.keyId() + " of " + ticket.issuerId());
    }
    if (card.isPresent() && !card.get().equals(ticket.cardId())) {
      return Check.refused(ticket, Refusal.OTHER_CARD, "issued to card " + ticket.cardId());
    }
    Optional<Check> revoked = revocation(ticket, now);
    if (revoked.isPresent()) {
      return revoked.get();
    }
    if (!policy.events().contains(ticket.eventId())) {
      return Check.refused(ticket, Refusal.WRONG_EVENT, "event " + ticket.eventId());
    }
    if (!policy.venue().equals(ticket.venue())) {
      return Check.refused(ticket, Refusal.WRONG_VENUE, "venue " + ticket.venue());
    }
    Optional<Check> window = window(ticket, now);
    if (window.isPresent()) {
      return window.get();
    }
    if (usedOnCard.contains(ticket.ticketNumber())) {
      return Check.refused(ticket, Refusal.ALREADY_USED, "the card carries its USED mark");
    }
    Optional<Admission> earlier = store.admission(ticket.ticketNumber());
    if (earlier.isPresent()) {
      return Check.refused(
          ticket,
          Refusal.ALREADY_USED,
          "admitted at gate " + earlier.get().gateId() + " at " + earlier.get().admittedAt());
    }
    return Check.ok(ticket);
  }

  private Optional<Check> revocation(Ticket ticket, Instant now) {
    RevocationList list = revocations;
    if (list == null) {
      return Optional.of(Check.refused(ticket, Refusal.NO_REVOCATION_LIST, "none verified yet"));
    }
    Duration age = list.age(now);
    if (age.compareTo(policy.maxRevocationAge()) > 0) {
      return Optional.of(
          Check.refused(
              ticket,
              Refusal.STALE_REVOCATION_LIST,
              "version "
                  + list.version()
                  + " is "
                  + age.toSeconds()
                  + " s old, the limit "
                  + policy.maxRevocationAge().toSeconds()
                  + " s"));
    }
    Optional<String> card = list.cardRevoked(ticket.cardId().value());
    if (card.isPresent()) {
      return Optional.of(
          Check.refused(
              ticket, Refusal.CARD_REVOKED, "card " + ticket.cardId() + ": " + card.get()));
    }
    return list.ticketVoided(ticket.ticketNumber())
        .map(why -> Check.refused(ticket, Refusal.TICKET_VOIDED, why));
  }

  private Optional<Check> window(Ticket ticket, Instant now) {
    Instant starts;
    try {
      starts = OffsetDateTime.parse(ticket.startsAt()).toInstant();
    } catch (DateTimeException e) {
      return Optional.of(
          Check.refused(ticket, Refusal.OUTSIDE_GATE_WINDOW, "start " + ticket.startsAt()));
    }
    Instant opens = starts.minus(policy.opensBefore());
    Instant closes = starts.plus(policy.closesAfter());
    if (now.isBefore(opens) || now.isAfter(closes)) {
      return Optional.of(
          Check.refused(
              ticket,
              Refusal.OUTSIDE_GATE_WINDOW,
              "open " + opens.atZone(policy.zone()) + " to " + closes.atZone(policy.zone())));
    }
    return Optional.empty();
  }
}
