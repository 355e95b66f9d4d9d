package com.kippu.center.sales;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.product.FareClass;
import com.kippu.center.product.ProductId;
import com.kippu.center.product.RailSection;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.signing.SignedDocument;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A commuter pass sold onto a card (S2 ¶26-29): the railway's section and period at the fare of the
 * holder's class, the holder's details for the railway, the payment, and the pass the railway
 * signed for the card.
 */
public record PassSale(
    String passNumber,
    TerminalId terminalId,
    RequestNumber requestNumber,
    IssuerId issuerId,
    ProductId productId,
    CardId cardId,
    Holder holder,
    FareClass fareClass,
    RailSection section,
    LocalDate validFrom,
    LocalDate validUntil,
    long amountYen,
    String paymentMethod,
    String paymentReference,
    SignedDocument signed,
    Instant soldAt) {
  public PassSale {
    Objects.requireNonNull(passNumber, "passNumber");
    Objects.requireNonNull(holder, "holder");
    Objects.requireNonNull(signed, "signed");
  }
}
