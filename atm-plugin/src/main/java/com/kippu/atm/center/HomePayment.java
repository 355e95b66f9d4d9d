package com.kippu.atm.center;

import com.kippu.atm.payment.Money;
import java.time.Instant;

/**
 * A home PC's card payment as the center authorised it at the card host (F13, S2 ¶49-51): its
 * status, the host's ISO 8583 response code and references, the card masked.
 */
public record HomePayment(
    String reference,
    String status,
    String responseCode,
    Money amount,
    String maskedCard,
    String rrn,
    String approvalCode,
    String stan,
    Instant paidAt) {
  public boolean approved() {
    return "APPROVED".equals(status);
  }

  public boolean reversed() {
    return "REVERSED".equals(status);
  }
}
