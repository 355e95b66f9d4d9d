package com.kippu.atm.payment;

import java.util.Objects;

/**
 * An account transfer from the customer's account to the ticket issuer's account (S1 ¶57), proved
 * by the PIN of the customer's cash card for that account: the bank host moves money only when
 * {@code card} is a cash card of {@code from} and {@code pin} verifies.
 *
 * @param transactionId the plugin's own id for this payment attempt; the bank link derives nothing
 *     from it but logs it, so one customer session can be followed from journal to host log
 * @param card the cash card's number: a magnetic card's PAN, or {@link
 *     CardNumber#ofCashAccount(AccountNumber)} for an IC card
 * @param pin the PIN typed for {@code card}, as it left the PIN pad
 */
public record TransferRequest(
    String transactionId,
    CardNumber card,
    AccountNumber from,
    AccountNumber to,
    Money amount,
    PinBlock pin) {
  public TransferRequest {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(pin, "pin");
  }

  /** For logs: card and accounts masked, no PIN block. */
  @Override
  public String toString() {
    return String.format(
        "%s %s %s -> %s %s", transactionId, card.masked(), from.masked(), to.masked(), amount);
  }
}
