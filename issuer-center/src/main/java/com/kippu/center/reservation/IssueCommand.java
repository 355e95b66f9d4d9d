package com.kippu.center.reservation;

import java.util.Objects;

/**
 * A request to issue the ticket of a paid reservation to a card; an e-money payment must come from
 * that card's purse.
 */
public record IssueCommand(ReservationNumber number, CardId cardId, PaymentProof payment) {
  public IssueCommand {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(cardId, "cardId");
    Objects.requireNonNull(payment, "payment");
    payment.requirePaidFrom(cardId);
  }
}
