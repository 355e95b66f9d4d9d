package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import com.kippu.atm.payment.Money;
import java.time.LocalDate;

/**
 * A commuter pass as the railway signed it for one card (F7, S2 ¶26-28): the section and period,
 * the holder's name as printed on the card, the fare class and what was paid. A station gate
 * verifies it offline like a ticket, under the railway's certified key; the holder's phone and
 * address are not in it (they went to the railway with the sales record only).
 */
public record CommuterPass(
    String passNumber,
    IssuerId issuerId,
    String issuerName,
    String productId,
    String name,
    CardId cardId,
    String holderName,
    String fareClass,
    String line,
    String fromStation,
    String toStation,
    LocalDate validFrom,
    LocalDate validUntil,
    Money amount,
    String paymentMethod,
    String paymentReference,
    String requestNumber,
    SignedDocument signed) {}
