package com.kippu.center.card;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.reservation.CardId;
import com.kippu.center.signing.SignedDocument;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A commuter pass on a card, sold or reissued, with the pass sold at the start of its chain, its
 * last day, the signed pass, and the pass that replaced it on a new card, if any.
 */
public record CardPass(
    String passNumber,
    String originalPass,
    IssuerId issuerId,
    CardId cardId,
    LocalDate validUntil,
    SignedDocument signed,
    Optional<String> replacedBy) {}
