package com.kippu.center.home;

import com.kippu.center.user.UserId;
import java.time.Instant;

/**
 * A home PC's card payment the center authorised at the card host (S2 ¶49-51), under the terminal's
 * reference (one per attempt): what the terminal then shows the issuer as its proof.
 */
public record HomePayment(
    String reference,
    UserId userId,
    String terminalId,
    long amountYen,
    String maskedCard,
    Status status,
    String responseCode,
    String rrn,
    String approvalCode,
    String stan,
    Instant paidAt) {

  /** Where the payment stands. */
  public enum Status {
    APPROVED,
    DECLINED,
    REVERSED
  }
}
