package com.kippu.center.verify;

import com.kippu.center.card.CardStanding;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.TicketNumber;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Online ticket verification for gates (S1 ¶79, F8). A ticket is VALID for the card it was issued
 * to until its single entry is recorded; a revoked ticket or a ticket on a lost card is REVOKED; a
 * ticket number the center never issued, or presented on another card, is UNKNOWN. The entry is
 * recorded under the ticket's primary key, so of two gates racing one ticket exactly one admits it.
 * The event's issuer is the authority on its cards (S2 ¶38): a card its local server says it
 * invalidated is REVOKED too, asked outside any transaction; its silence admits.
 */
public final class TicketVerifier {
  private final GateRepository gates;
  private final CardStanding standing;
  private final Clock clock;

  public TicketVerifier(GateRepository gates, CardStanding standing, Clock clock) {
    this.gates = gates;
    this.standing = standing;
    this.clock = clock;
  }

  /** Checks without admitting. */
  public Verification check(TicketNumber number, CardId cardId) {
    Optional<Verification> invalidated = invalidatedByIssuer(number, cardId);
    if (invalidated.isPresent()) {
      return invalidated.get();
    }
    return gates.read(
        store -> {
          Optional<Verification> refused = refusal(store, number, cardId);
          if (refused.isPresent()) {
            return refused.get();
          }
          return store
              .use(number)
              .map(u -> used(number, u))
              .orElse(Verification.of(number, Verdict.VALID));
        });
  }

  /**
   * Checks and admits at a gate of {@code venue}: the first entry is VALID (and so is its retry);
   * any later one is USED; a ticket for another venue is WRONG_VENUE and is not marked used.
   */
  public Verification admit(TicketNumber number, CardId cardId, GateEntry entry, String venue) {
    Optional<Verification> invalidated = invalidatedByIssuer(number, cardId);
    if (invalidated.isPresent()) {
      return invalidated.get();
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    return gates.write(
        store -> {
          Optional<Verification> refused = refusal(store, number, cardId);
          if (refused.isPresent()) {
            return refused.get();
          }
          if (!store.ticket(number).orElseThrow().venue().equals(venue)) {
            return Verification.of(number, Verdict.WRONG_VENUE);
          }
          store.recordUse(number, new TicketUse(entry.gateId().value(), entry.entryId(), now));
          TicketUse use = store.use(number).orElseThrow();
          if (use.gateId().equals(entry.gateId().value())
              && use.entryId().equals(entry.entryId())) {
            return new Verification(
                number,
                Verdict.VALID,
                Optional.of(use.usedAt()),
                Optional.of(use.gateId()),
                Optional.empty());
          }
          return used(number, use);
        });
  }

  /** REVOKED when the issuer of the ticket's event says it invalidated the ticket's card. */
  private Optional<Verification> invalidatedByIssuer(TicketNumber number, CardId cardId) {
    Optional<TicketFacts> facts =
        gates.read(store -> store.ticket(number)).filter(f -> f.cardId().equals(cardId));
    if (facts.isEmpty() || facts.get().revokedBecause().isPresent()) {
      return Optional.empty(); // unknown or revoked already: the transaction answers that
    }
    return standing
        .refusal(cardId, facts.get().issuerId())
        .map(
            why ->
                new Verification(
                    number, Verdict.REVOKED, Optional.empty(), Optional.empty(), Optional.of(why)));
  }

  private static Optional<Verification> refusal(
      GateStore store, TicketNumber number, CardId cardId) {
    Optional<TicketFacts> facts = store.ticket(number);
    if (facts.isEmpty() || !facts.get().cardId().equals(cardId)) {
      return Optional.of(Verification.of(number, Verdict.UNKNOWN));
    }
    return facts
        .get()
        .revokedBecause()
        .map(
            why ->
                new Verification(
                    number, Verdict.REVOKED, Optional.empty(), Optional.empty(), Optional.of(why)));
  }

  private static Verification used(TicketNumber number, TicketUse use) {
    return new Verification(
        number,
        Verdict.USED,
        Optional.of(use.usedAt()),
        Optional.of(use.gateId()),
        Optional.empty());
  }
}
