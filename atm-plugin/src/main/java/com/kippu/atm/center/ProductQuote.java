package com.kippu.atm.center;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * The issuer's signed quote for a product (F7, S2 ¶26, ¶41): a commuter pass at the fare of the
 * holder's class for the days it will be valid, or a prepaid card at its price, paid into {@code
 * issuerAccount} (S1 ¶56). Holds nothing; valid until {@code quoteValidUntil}.
 */
public record ProductQuote(
    IssuerId issuerId,
    String issuerName,
    AccountNumber issuerAccount,
    ProductId productId,
    CardType cardType,
    String name,
    FareClass fareClass,
    Money amount,
    Money value,
    Optional<RailSection> section,
    Optional<LocalDate> validFrom,
    Optional<LocalDate> validUntil,
    Instant quoteValidUntil,
    SignedDocument signed) {}
