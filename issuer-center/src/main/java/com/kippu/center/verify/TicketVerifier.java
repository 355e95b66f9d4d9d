package com.kippu.center.verify;

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
 */
public final class TicketVerifier {
  private final GateRepository gates;
  private final Clock clock;

  public TicketVerifier(GateRepository gates, Clock clock) {
    this.gates = gates;
    this.clock = clock;
  }

  /** Checks without admitting. */
  public Verification check(TicketNumber number, CardId cardId) {
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
