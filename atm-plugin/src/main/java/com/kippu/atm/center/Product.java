package com.kippu.atm.center;

import com.kippu.atm.payment.Money;
import java.util.Optional;

/**
 * A product on sale without a seat, as the catalog lists it (S2 ¶21): a commuter pass on a railway
 * section for a period, at the railway's published adult fare, or a prepaid card with the value it
 * carries.
 */
public record Product(
    ProductId productId,
    IssuerId issuerId,
    String issuerName,
    CardType cardType,
    String name,
    Money price,
    Money value,
    Optional<RailSection> section) {}
