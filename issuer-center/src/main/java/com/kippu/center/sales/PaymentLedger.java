package com.kippu.center.sales;

import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.PaymentUse;
import java.util.Optional;

/**
 * Port to every payment the center has recorded (tickets, card sales, refused proofs). The payment
 * table's key (method, acquirer, terminal, reference) refuses a second use; this lookup turns one
 * into a business answer.
 */
public interface PaymentLedger {
  /** What {@code proof} is recorded for: by its key, or for e-money by its purse record. */
  Optional<PaymentUse> use(PaymentProof proof);
}
