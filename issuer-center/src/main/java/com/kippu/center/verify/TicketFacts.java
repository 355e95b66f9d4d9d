package com.kippu.center.verify;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.reservation.CardId;
import java.util.Optional;

/**
 * What the center knows about a ticket at a gate: its card, the venue and issuer of its event and
 * any revocation of it or its card.
 */
public record TicketFacts(
    CardId cardId, String venue, IssuerId issuerId, Optional<String> revokedBecause) {}
