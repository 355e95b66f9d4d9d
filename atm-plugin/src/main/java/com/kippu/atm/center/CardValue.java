package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import com.kippu.atm.payment.Money;

/** A prepaid card's value as the center holds it (S2 ¶41-45), and whether it was activated. */
public record CardValue(CardId cardId, IssuerId issuerId, boolean active, Money value) {}
