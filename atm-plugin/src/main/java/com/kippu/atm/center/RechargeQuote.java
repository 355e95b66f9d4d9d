package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import java.time.Instant;

/**
 * The card issuer's signed quote for recharging a prepaid card (F11, S2 ¶45): the center has
 * checked the card's limits (value per card, recharges per day) before any money moves, and names
 * the account the payment goes to. Valid until {@code validUntil}; the recharge checks the limits
 * again.
 */
public record RechargeQuote(
    CardId cardId,
    IssuerId issuerId,
    String issuerName,
    AccountNumber issuerAccount,
    Money value,
    Money amount,
    Money valueAfter,
    Money rechargedToday,
    Money maxCardValue,
    Money maxPerDay,
    Instant validUntil,
    SignedDocument signed) {}
