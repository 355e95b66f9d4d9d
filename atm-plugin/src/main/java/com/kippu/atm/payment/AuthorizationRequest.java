package com.kippu.atm.payment;

import java.util.Objects;

/**
 * A card payment to authorize: debit card with PIN at the card's bank (S2 ¶33), or credit or
 * prepaid card at the card company (S2 ¶27-32).
 *
 * @param transactionId the plugin's id for this payment attempt, logged to follow a session
 * @param pin the PIN block, required for {@link Kind#DEBIT} and absent (null) otherwise
 * @param payee the account credited by a debit (the issuer's); null for credit and prepaid
 */
public record AuthorizationRequest(
    String transactionId,
    Kind kind,
    CardNumber card,
    CardExpiry expiry,
    PinBlock pin,
    Money amount,
    AccountNumber payee) {

  /** How the card pays. */
  public enum Kind {
    DEBIT,
    CREDIT,
    PREPAID
  }

  public AuthorizationRequest {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(expiry, "expiry");
    Objects.requireNonNull(amount, "amount");
    if (kind == Kind.DEBIT && (pin == null || payee == null)) {
      throw new IllegalArgumentException("a debit needs a PIN block and a payee account");
    }
    if (kind != Kind.DEBIT && (pin != null || payee != null)) {
      throw new IllegalArgumentException(kind + " carries neither PIN nor payee account");
    }
  }

  /** For logs: card masked, no PIN block. */
  @Override
  public String toString() {
    return String.format("%s %s %s %s", transactionId, kind, card.masked(), amount);
  }
}
