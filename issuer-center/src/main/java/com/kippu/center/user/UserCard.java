package com.kippu.center.user;

import com.kippu.center.reservation.CardId;
import java.time.Instant;
import java.util.Optional;

/** A card linked to a user: when it was reported lost, and the card it was reissued onto. */
public record UserCard(CardId cardId, Optional<Instant> lostAt, Optional<CardId> reissuedOnto) {}
