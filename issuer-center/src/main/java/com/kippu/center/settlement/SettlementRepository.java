package com.kippu.center.settlement;

import java.time.Instant;
import java.util.List;

/** Port to the recorded payments that settlement adds up. */
public interface SettlementRepository {
  /** Payments recorded in {@code [from, to)}, by issuer, then time, then subject. */
  List<PaymentRecord> payments(Instant from, Instant to);
}
