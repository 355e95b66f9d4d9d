package com.kippu.atm.center;

import com.kippu.atm.payment.Money;
import java.time.Instant;

/**
 * A home PC's payment as the center authorised it (F13, S2 ¶49-51), at the card host or, by online
 * banking, at the user's bank: its status, the host's ISO 8583 response code and references, and
 * the card or account paid from, masked.
 *
 * @param method {@code CARD} or {@code ONLINE_BANKING}
 * @param paidFrom the masked card of a card payment, the masked account of online banking
 * @param paidAt when the host answered; null while the payment is pending
 */
public record HomePayment(
    String reference,
    String method,
    String status,
    String responseCode,
    Money amount,
    String paidFrom,
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

  /**
   * Recorded by the center before it asked the host, with no answer recorded yet: unresolved,
   * neither paid nor free of money moved; the terminal has the center reverse it.
   */
  public boolean pending() {
    return "PENDING".equals(status);
  }
}
