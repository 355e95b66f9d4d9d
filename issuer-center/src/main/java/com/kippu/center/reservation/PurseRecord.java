package com.kippu.center.reservation;

import java.util.Objects;

/**
 * The value record an e-money purse wrote when it paid (S1 ¶112): the purse (the customer's card),
 * the record's sequence number in the purse's value log, the balance left and the terminal's
 * transaction id the purse recorded. The amount taken is the proof's amount. A record pays once,
 * whatever terminal or reference names it.
 */
public record PurseRecord(
    CardId purseId, long sequence, long balanceAfterYen, String transactionId) {
  public PurseRecord {
    Objects.requireNonNull(purseId, "purseId");
    Objects.requireNonNull(transactionId, "transactionId");
    if (sequence <= 0) {
      throw InvalidPaymentException.invalid("details.purseSequence", "must be a positive integer");
    }
    if (balanceAfterYen < 0) {
      throw InvalidPaymentException.invalid(
          "details.purseBalanceAfterYen", "must be an integer of at least 0");
    }
    if (transactionId.isBlank()) {
      throw InvalidPaymentException.invalid(
          "details.purseTransactionId", "must be a non-empty string");
    }
  }
}
