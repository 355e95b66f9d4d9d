package com.kippu.center.reservation;

import java.time.Instant;
import java.util.Objects;

/**
 * Proof of payment handed over with the issuance request (S1 ¶60): the method, the amount and the
 * bank's references (RRN, approval code, STAN) for reconciliation.
 */
public record PaymentProof(
    PaymentMethod method,
    long amountYen,
    String reference,
    String approvalCode,
    String stan,
    Instant paidAt) {

  public PaymentProof {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(approvalCode, "approvalCode");
    Objects.requireNonNull(stan, "stan");
    Objects.requireNonNull(paidAt, "paidAt");
  }
}
