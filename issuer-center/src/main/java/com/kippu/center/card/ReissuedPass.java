package com.kippu.center.card;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.reservation.CardId;
import com.kippu.center.signing.SignedDocument;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A commuter pass issued again onto a lost card's new card (S2 ¶38-40): a new pass number, signed
 * by the railway for the new card, replacing one pass of the lost card. {@code originalPass} is the
 * pass sold at the start of the chain (a reissued pass may be lost again), whose sale holds the
 * holder's details and the payment; the reissue is not a sale.
 */
public record ReissuedPass(
    String passNumber,
    String replaces,
    String originalPass,
    IssuerId issuerId,
    CardId cardId,
    LocalDate validUntil,
    Instant issuedAt,
    SignedDocument signed) {}
