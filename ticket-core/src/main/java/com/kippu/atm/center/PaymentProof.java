package com.kippu.atm.center;

import com.kippu.atm.payment.Money;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Proof that the price was paid, handed to the issuer with the issuance request (S1 ¶60): the
 * method (one of the constants, the center's names), the amount, the acquirer's references, the
 * acquirer that produced them, and the method's own details, never secret (a masked card, the
 * purse's value record). The center names a payment by method, acquirer, terminal and reference and
 * repeats an issuance only for a proof equal in every field, so a retry sends this very proof.
 *
 * @param acquirer the acquiring institution id, card network or purse scheme that produced the
 *     reference; empty on tickets issued before the center kept it
 * @param details method-specific fields (see the key constants), held sorted and unmodifiable
 */
public record PaymentProof(
    String method,
    Money amount,
    String reference,
    String approvalCode,
    String stan,
    Instant paidAt,
    String acquirer,
    Map<String, String> details) {

  public static final String ACCOUNT_TRANSFER = "ACCOUNT_TRANSFER";
  public static final String CASH = "CASH";
  public static final String DEBIT_CARD = "DEBIT_CARD";
  public static final String CREDIT_CARD = "CREDIT_CARD";
  public static final String PREPAID_CARD = "PREPAID_CARD";
  public static final String EMONEY = "EMONEY";

  /** The card of a card payment, first 6 and last 4 digits with asterisks between. */
  public static final String MASKED_CARD = "maskedCard";

  /** The e-money purse paying: the customer's card id. */
  public static final String PURSE_ID = "purseId";

  /** The sequence number of the purse's value record. */
  public static final String PURSE_SEQUENCE = "purseSequence";

  public static final String PURSE_BALANCE_AFTER = "purseBalanceAfterYen";

  /** The terminal's transaction id the purse recorded; equals the reference. */
  public static final String PURSE_TRANSACTION_ID = "purseTransactionId";

  public PaymentProof {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(approvalCode, "approvalCode");
    Objects.requireNonNull(stan, "stan");
    Objects.requireNonNull(paidAt, "paidAt");
    Objects.requireNonNull(acquirer, "acquirer");
    Objects.requireNonNull(details, "details");
    TreeMap<String, String> sorted = new TreeMap<>();
    details.forEach((k, v) -> sorted.put(k, Objects.requireNonNull(v, k)));
    String masked = sorted.get(MASKED_CARD);
    if (masked != null && masked.indexOf('*') < 0) {
      // The full card number goes to the card's host only (field 2), never to the issuer.
      throw new IllegalArgumentException("maskedCard must be masked");
    }
    details = Collections.unmodifiableSortedMap(sorted);
  }

  /** A proof whose method carries no details (account transfer, cash). */
  public static PaymentProof of(
      String method,
      Money amount,
      String reference,
      String approvalCode,
      String stan,
      Instant paidAt,
      String acquirer) {
    return new PaymentProof(
        method, amount, reference, approvalCode, stan, paidAt, acquirer, Map.of());
  }
}
