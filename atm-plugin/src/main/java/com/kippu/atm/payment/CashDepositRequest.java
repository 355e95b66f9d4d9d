package com.kippu.atm.payment;

import java.util.Objects;

/**
 * The credit of a price paid in cash at this terminal to the ticket issuer's account (S1 ¶57): an
 * ISO 8583 0200 with processing code 210000, no card and no PIN, since the cash is in the
 * terminal's own unit.
 *
 * @param transactionId the plugin's id for this payment attempt, logged to follow a session
 * @param to the issuer's account the price is credited to
 * @param amount the price, not what the customer inserted: change is the cash unit's business
 */
public record CashDepositRequest(String transactionId, AccountNumber to, Money amount) {
  public CashDepositRequest {
    Objects.requireNonNull(transactionId, "transactionId");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(amount, "amount");
    if (amount.yen() == 0) {
      throw new IllegalArgumentException("a cash deposit credits a positive amount");
    }
  }

  /** For logs: the account masked. */
  @Override
  public String toString() {
    return String.format("%s cash -> %s %s", transactionId, to.masked(), amount);
  }
}
