package com.kippu.center.sales;

import com.kippu.center.reservation.PaymentMethod;
import java.util.Optional;

/**
 * Port to every payment the center has recorded (tickets and card sales). Each table holds a unique
 * key on (method, reference); this lookup turns a collision into a business answer.
 */
public interface PaymentLedger {
  Optional<PaymentUse> use(PaymentMethod method, String reference);
}
