package com.kippu.center.verify;

import com.kippu.center.reservation.CardId;
import java.util.Optional;

/**
 * What the center knows about a ticket at a gate: its card and any revocation of it or its card.
 */
public record TicketFacts(CardId cardId, Optional<String> revokedBecause) {}
