package com.kippu.atm.center;

import com.kippu.atm.payment.Money;
import java.time.Instant;

/**
 * Proof that the price was paid, handed to the issuer with the issuance request (S1 ¶60): the
 * method, the amount and the bank's references for reconciliation.
 */
public record PaymentProof(
    String method,
    Money amount,
    String reference,
    String approvalCode,
    String stan,
    Instant paidAt) {}
