package com.kippu.atm.bank;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import com.kippu.iso8583.Mti;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * A queued reversal as the queue holds it: everything a 0420/0421 needs. {@code stan} and {@code
 * transmittedAt} are the reversal's own transmission, fixed by its first attempt (null before) and
 * reused by every repeat; {@code attempts} counts the attempts begun, including the current one.
 * {@link #toString()} shows account numbers masked only.
 *
 * @param originalDateTime field 7 of the reversed 0200 or 0100, {@code MMddHHmmss} UTC
 * @param from field 102, only for an account transfer
 * @param to field 103, for a transfer, a deposit or a debit; null for a card network authorization
 * @param originalMti 0200 or 0100, the MTI field 90 names
 */
record PendingReversal(
    ReversalId id,
    String transactionId,
    Stan originalStan,
    String originalDateTime,
    String rrn,
    Money amount,
    AccountNumber from,
    AccountNumber to,
    int attempts,
    Stan stan,
    Instant transmittedAt,
    String originalMti,
    String processingCode) {

  PendingReversal {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(originalStan, "originalStan");
    Objects.requireNonNull(originalDateTime, "originalDateTime");
    Objects.requireNonNull(rrn, "rrn");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(originalMti, "originalMti");
    Objects.requireNonNull(processingCode, "processingCode");
  }

  /** 0420 for the first attempt, 0421 for every repeat (ISO 8583:1987 repeat advice). */
  String mti() {
    return attempts > 1 ? Mti.REVERSAL_ADVICE_REPEAT : Mti.REVERSAL_ADVICE;
  }

  /** The reversal's own transmission; only once an attempt has begun. */
  Transmission transmission(ZoneId zone) {
    if (stan == null || transmittedAt == null) {
      throw new IllegalStateException(id + " has not been attempted yet");
    }
    return new Transmission(stan, transmittedAt, zone);
  }

  /** For logs: ids, amount and masked accounts. */
  @Override
  public String toString() {
    return String.format(
        "%s tx %s (stan %s, %s -> %s %s, attempt %d)",
        id,
        transactionId,
        originalStan,
        from == null ? "-" : from.masked(),
        to == null ? "-" : to.masked(),
        amount,
        attempts);
  }
}
