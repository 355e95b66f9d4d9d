package com.kippu.center.card;

import com.kippu.center.reservation.PaymentProof;
import java.time.Instant;

/** A payment recorded for a card (activation or recharge) and the card's value after it. */
public record CardSale(
    String saleId, Kind kind, PrepaidCard cardAfter, PaymentProof payment, Instant recordedAt) {
  /** What was paid for. */
  public enum Kind {
    ACTIVATION,
    RECHARGE
  }
}
