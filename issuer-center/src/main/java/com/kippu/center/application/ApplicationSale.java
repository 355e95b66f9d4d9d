package com.kippu.center.application;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.TerminalId;
import java.time.Instant;
import java.util.Objects;

/**
 * A card application installed on a card and paid for (F11, S2 ¶45, ¶53): the sale its issuer is
 * told of and settled for, named by the terminal's request number.
 */
public record ApplicationSale(
    String saleId,
    TerminalId terminalId,
    RequestNumber requestNumber,
    IssuerId issuerId,
    String appId,
    int version,
    CardId cardId,
    long amountYen,
    String paymentMethod,
    String paymentReference,
    Instant soldAt) {
  public ApplicationSale {
    Objects.requireNonNull(saleId, "saleId");
    Objects.requireNonNull(requestNumber, "requestNumber");
  }
}
