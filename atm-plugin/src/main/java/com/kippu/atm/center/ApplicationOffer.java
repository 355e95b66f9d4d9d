package com.kippu.atm.center;

import com.kippu.atm.payment.Money;

/** A card application the center offers (its newest version), as listed to the customer. */
public record ApplicationOffer(String appId, int version, String name, Money price) {}
