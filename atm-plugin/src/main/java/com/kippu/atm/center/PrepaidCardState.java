package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import com.kippu.atm.payment.Money;

/**
 * A pre-valued prepaid card as its issuer's records have it (S2 ¶41-43): which product it is, and
 * whether it was activated at its sale. A card never activated is worthless: it buys nothing and
 * nothing is sold onto it.
 */
public record PrepaidCardState(
    CardId cardId, ProductId productId, IssuerId issuerId, boolean active, Money value) {}
