package com.kippu.center.user;

import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.TerminalId;
import java.time.Instant;
import java.util.Optional;

/**
 * A registered user's sign-in at a terminal, checked with their PIN, as the center recorded it: the
 * user, the terminal, when it lapses, and the one card it linked once used.
 */
public record SignInGrant(
    String grantId,
    UserId userId,
    TerminalId terminalId,
    Instant expiresAt,
    Optional<CardId> cardId) {}
