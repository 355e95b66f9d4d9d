package com.kippu.center.reservation.sql;

import com.kippu.center.reservation.CenterPaymentRefusedException;
import com.kippu.center.reservation.CenterPaymentRefusedException.Reason;
import com.kippu.center.reservation.PaymentMethod;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.PaymentUse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A sale's proof of a payment the center authorised itself (a home PC's, F13, on {@code
 * home_payment}) is checked against that record in the sale's own transaction, and the record is
 * marked as paying for the sale: it must exist for the calling terminal under the proof's RRN, be
 * approved and not being taken back, match the proof (amount, method, approval code, trace number)
 * and pay for no other sale. The mark is a conditional update, so of two sales racing for one
 * payment, or a sale and its reversal, only one wins; the loser's transaction rolls back.
 */
final class CenterPaymentClaims {
  private static final String FIND =
      "SELECT reference, amount_yen, status, method, approval_code, stan, paid_for"
          + " FROM home_payment WHERE terminal_id = ? AND rrn = ?"
          + " ORDER BY CASE status WHEN 'APPROVED' THEN 0 ELSE 1 END, reference";

  private static final String CLAIM =
      "UPDATE home_payment SET paid_for = ? WHERE reference = ? AND status = 'APPROVED'"
          + " AND paid_for IS NULL";

  private CenterPaymentClaims() {}

  /**
   * Marks the center's payment behind {@code proof} as paying for {@code kind} {@code subject};
   * throws {@link CenterPaymentRefusedException} when its record does not back the proof. Proofs of
   * other acquirers, and uses that pay for nothing (a refusal, a withdrawal), pass untouched.
   */
  static void claim(Connection c, PaymentProof proof, PaymentUse.Kind kind, String subject)
      throws SQLException {
    if (!proof.centerAcquired()
        || kind == PaymentUse.Kind.REFUSED
        || kind == PaymentUse.Kind.WITHDRAWN) {
      return;
    }
    String reference;
    try (PreparedStatement ps = c.prepareStatement(FIND)) {
      ps.setString(1, proof.terminalId().value());
      ps.setString(2, proof.reference());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new CenterPaymentRefusedException(
              Reason.PAYMENT_UNKNOWN,
              "payment.reference",
              "the center authorised no payment " + proof.reference() + " for this terminal");
        }
        check(rs, proof);
        reference = rs.getString("reference");
      }
    }
    try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
      ps.setString(1, kind.name() + " " + subject);
      ps.setString(2, reference);
      if (ps.executeUpdate() == 1) {
        return;
      }
    }
    // A sale or the reversal marked it after it was read (PostgreSQL, read committed): read again.
    try (PreparedStatement ps = c.prepareStatement(FIND)) {
      ps.setString(1, proof.terminalId().value());
      ps.setString(2, proof.reference());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        check(rs, proof);
      }
    }
    throw alreadyUsed(proof);
  }

  private static void check(ResultSet rs, PaymentProof proof) throws SQLException {
    if (!"APPROVED".equals(rs.getString("status"))) {
      throw new CenterPaymentRefusedException(
          Reason.PAYMENT_NOT_APPROVED,
          "payment.reference",
          "payment " + proof.reference() + " is " + rs.getString("status") + ", not approved");
    }
    String paidFor = rs.getString("paid_for");
    if (PaymentUse.CENTER_REVERSAL.equals(paidFor)) {
      throw new CenterPaymentRefusedException(
          Reason.PAYMENT_NOT_APPROVED,
          "payment.reference",
          "payment " + proof.reference() + " is being taken back");
    }
    if (paidFor != null) {
      throw alreadyUsed(proof);
    }
    if (rs.getLong("amount_yen") != proof.amountYen()) {
      throw mismatch("payment.amountYen", "is not the amount the center authorised");
    }
    if (!method(rs.getString("method")).equals(proof.method())) {
      throw mismatch(
          "payment.method", "is not how the center was paid (" + rs.getString("method") + ")");
    }
    if (!rs.getString("approval_code").equals(proof.approvalCode())) {
      throw mismatch("payment.approvalCode", "is not the approval the center recorded");
    }
    if (!rs.getString("stan").equals(proof.stan())) {
      throw mismatch("payment.stan", "is not the trace number the center recorded");
    }
  }

  /** The proof method of each way the center takes a home PC's payment. */
  private static PaymentMethod method(String homeMethod) {
    return switch (homeMethod) {
      case "CARD" -> PaymentMethod.CREDIT_CARD;
      case "ONLINE_BANKING" -> PaymentMethod.ACCOUNT_TRANSFER;
      default -> throw new IllegalStateException("unknown home payment method " + homeMethod);
    };
  }

  private static CenterPaymentRefusedException mismatch(String field, String why) {
    return new CenterPaymentRefusedException(
        Reason.PAYMENT_MISMATCH, field, "field '" + field + "' " + why);
  }

  private static CenterPaymentRefusedException alreadyUsed(PaymentProof proof) {
    return new CenterPaymentRefusedException(
        Reason.PAYMENT_ALREADY_USED,
        "payment.reference",
        "payment " + proof.reference() + " already paid for another sale");
  }
}
