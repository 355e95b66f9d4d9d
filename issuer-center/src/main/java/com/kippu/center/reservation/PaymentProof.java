package com.kippu.center.reservation;

import com.kippu.center.common.Yen;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Proof of payment handed over with the issuance request (S1 ¶60), checked for what its method must
 * carry (see {@link PaymentMethod}); a proof that lacks it, or holds a full card number, is refused
 * with an {@link InvalidPaymentException} naming the field. A payment is named by method, acquirer,
 * terminal and reference: acquirers and terminals hand out references independently, so only the
 * four together are unique.
 *
 * @param reference the acquirer's reference (RRN); for e-money the terminal's transaction id the
 *     purse recorded
 * @param approvalCode the host's approval code; empty for e-money when there is none
 * @param stan the terminal's trace number of the paying request; empty for e-money when none
 * @param acquirer the acquiring institution id, card network or purse scheme that produced the
 *     reference
 * @param terminalId the terminal that sent the proof, as authenticated, never as the body says
 * @param maskedCard the card of a card payment; null for other methods
 * @param purse the purse's value record of an e-money payment; null for other methods
 */
public record PaymentProof(
    PaymentMethod method,
    long amountYen,
    String reference,
    String approvalCode,
    String stan,
    Instant paidAt,
    String acquirer,
    TerminalId terminalId,
    MaskedCard maskedCard,
    PurseRecord purse) {

  /**
   * The acquirer of a payment the center itself authorised (a home PC's, F13): the center checks
   * such a proof against its own record of the payment before anything is sold on it.
   */
  public static final String CENTER_ACQUIRER = "KIPPU-CENTER";

  /** Keys of the method-specific details, as the terminal sends them. */
  public static final String MASKED_CARD = "maskedCard";

  public static final String PURSE_ID = "purseId";
  public static final String PURSE_SEQUENCE = "purseSequence";
  public static final String PURSE_BALANCE_AFTER = "purseBalanceAfterYen";
  public static final String PURSE_TRANSACTION_ID = "purseTransactionId";

  private static final Pattern ACQUIRER = Pattern.compile("[A-Za-z0-9_.-]{1,32}");

  public PaymentProof {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(approvalCode, "approvalCode");
    Objects.requireNonNull(stan, "stan");
    Objects.requireNonNull(paidAt, "paidAt");
    Objects.requireNonNull(acquirer, "acquirer");
    Objects.requireNonNull(terminalId, "terminalId");
    if (amountYen <= 0) {
      throw InvalidPaymentException.invalid("amountYen", "must be a positive integer");
    }
    if (amountYen > Yen.MAX_PAYMENT) {
      throw InvalidPaymentException.invalid("amountYen", "must be at most " + Yen.MAX_PAYMENT);
    }
    requireText("reference", reference, method);
    if (!ACQUIRER.matcher(acquirer).matches()) {
      throw InvalidPaymentException.invalid(
          "acquirer", "must be 1-32 letters, digits, . _ or - (acquirer, card network or scheme)");
    }
    if (method.hostReferences()) {
      requireText("approvalCode", approvalCode, method);
      requireText("stan", stan, method);
    }
    if (method.hostReferences()) {
      // An RRN is 12 characters (ISO 8583 field 37); a purse's transaction id is the terminal's
      // own, may be any printable text, and is not checked for digits.
      refuseCardNumber("reference", reference);
    }
    refuseCardNumber("approvalCode", approvalCode);
    refuseCardNumber("stan", stan);
    refuseCardNumber("acquirer", acquirer);
    if (method.card() != (maskedCard != null)) {
      throw method.card()
          ? InvalidPaymentException.missing("details." + MASKED_CARD, method)
          : InvalidPaymentException.invalid(
              "details." + MASKED_CARD, "is only part of a card payment, not of " + method);
    }
    if (method.purse() != (purse != null)) {
      throw method.purse()
          ? InvalidPaymentException.missing("details." + PURSE_ID, method)
          : InvalidPaymentException.invalid(
              "details." + PURSE_ID, "is only part of an EMONEY payment, not of " + method);
    }
    if (purse != null && !purse.transactionId().equals(reference)) {
      throw InvalidPaymentException.invalid(
          "details." + PURSE_TRANSACTION_ID,
          "must equal reference: an e-money payment is named by the transaction the purse recorded");
    }
  }

  /**
   * A proof whose method-specific fields come as the terminal's {@code details} map (see the key
   * constants); a key the method does not carry is refused, so nothing unexpected is stored.
   */
  public static PaymentProof of(
      PaymentMethod method,
      long amountYen,
      String reference,
      String approvalCode,
      String stan,
      Instant paidAt,
      String acquirer,
      TerminalId terminalId,
      Map<String, String> details) {
    Map<String, String> rest = new TreeMap<>(details);
    MaskedCard card = null;
    PurseRecord purse = null;
    if (method.card()) {
      String masked = rest.remove(MASKED_CARD);
      card = masked == null ? null : new MaskedCard(masked);
    }
    if (method.purse()) {
      purse = purse(method, rest);
    }
    if (!rest.isEmpty()) {
      String key = rest.keySet().iterator().next();
      // A key is echoed in the answer; one that may be a card number is not.
      String field = MaskedCard.containsCardNumber(key) ? "details" : "details." + key;
      throw InvalidPaymentException.invalid(field, "is not part of a " + method + " payment");
    }
    return new PaymentProof(
        method,
        amountYen,
        reference,
        approvalCode,
        stan,
        paidAt,
        acquirer,
        terminalId,
        card,
        purse);
  }

  private static PurseRecord purse(PaymentMethod method, Map<String, String> details) {
    String id = details.remove(PURSE_ID);
    String sequence = details.remove(PURSE_SEQUENCE);
    String balance = details.remove(PURSE_BALANCE_AFTER);
    String transaction = details.remove(PURSE_TRANSACTION_ID);
    if (id == null) {
      throw InvalidPaymentException.missing("details." + PURSE_ID, method);
    }
    if (sequence == null) {
      throw InvalidPaymentException.missing("details." + PURSE_SEQUENCE, method);
    }
    if (balance == null) {
      throw InvalidPaymentException.missing("details." + PURSE_BALANCE_AFTER, method);
    }
    if (transaction == null) {
      throw InvalidPaymentException.missing("details." + PURSE_TRANSACTION_ID, method);
    }
    CardId purseId;
    try {
      purseId = new CardId(id);
    } catch (IllegalArgumentException e) {
      throw InvalidPaymentException.invalid("details." + PURSE_ID, "is invalid: " + e.getMessage());
    }
    return new PurseRecord(
        purseId,
        number(PURSE_SEQUENCE, sequence),
        number(PURSE_BALANCE_AFTER, balance),
        transaction);
  }

  private static long number(String key, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw InvalidPaymentException.invalid("details." + key, "must be a decimal integer");
    }
  }

  /** The method-specific fields as the terminal sent them (and the ticket echoes them), sorted. */
  public SortedMap<String, String> details() {
    SortedMap<String, String> details = new TreeMap<>();
    if (maskedCard != null) {
      details.put(MASKED_CARD, maskedCard.value());
    }
    if (purse != null) {
      details.put(PURSE_ID, purse.purseId().value());
      details.put(PURSE_SEQUENCE, Long.toString(purse.sequence()));
      details.put(PURSE_BALANCE_AFTER, Long.toString(purse.balanceAfterYen()));
      details.put(PURSE_TRANSACTION_ID, purse.transactionId());
    }
    return details;
  }

  /** True when the center itself authorised the payment, so its own record must back it. */
  public boolean centerAcquired() {
    return CENTER_ACQUIRER.equalsIgnoreCase(acquirer); // no other spelling escapes the check
  }

  /**
   * Refuses an e-money proof whose purse is not {@code card}: the value must come from the
   * customer's own card, the one the ticket is for (S1 ¶112).
   */
  public void requirePaidFrom(CardId card) {
    if (purse != null && !purse.purseId().equals(card)) {
      throw InvalidPaymentException.invalid(
          "details." + PURSE_ID, "must be the card id of this request: the purse is the card");
    }
  }

  private static void requireText(String field, String value, PaymentMethod method) {
    if (value.isBlank()) {
      throw InvalidPaymentException.missing(field, method);
    }
  }

  private static void refuseCardNumber(String field, String value) {
    if (MaskedCard.containsCardNumber(value)) {
      throw InvalidPaymentException.invalid(field, "must not hold a card number");
    }
  }
}
