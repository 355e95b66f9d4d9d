package com.kippu.atm.payment;

import java.util.Objects;

/**
 * An account transfer from the customer's account to the ticket issuer's account (S1 ¶57).
 *
 * @param transactionId the plugin's own id for this payment attempt; the bank link derives nothing
 *     from it but logs it, so one customer session can be followed from journal to host log
 */
public record TransferRequest(
    String transactionId, AccountNumber from, AccountNumber to, Money amount) {
  public TransferRequest {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(amount, "amount");
  }
}
