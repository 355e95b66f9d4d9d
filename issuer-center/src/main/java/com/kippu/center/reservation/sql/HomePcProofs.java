package com.kippu.center.reservation.sql;

import com.kippu.center.reservation.CenterPaymentRefusedException;
import com.kippu.center.reservation.CenterPaymentRefusedException.Reason;
import com.kippu.center.reservation.PaymentMethod;
import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.PaymentUse;
import com.kippu.center.terminal.TerminalKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A home PC (F13, S2 ¶46-51) is the user's own machine, not a terminal the operator installed: the
 * center takes from it no payment it cannot check itself. It sells only against a payment the
 * center authorised (acquirer {@link PaymentProof#CENTER_ACQUIRER}, which {@link
 * CenterPaymentClaims} then checks against the center's record) or against e-money from the purse
 * of the request's own card; a proof of cash, of a card or a transfer some other host is said to
 * have approved is refused, whatever the plugin would have offered. Checked in the sale's own
 * transaction, on the kind the terminal is registered as, for every route that records a proof as
 * paying for something; a proof recorded as refused or withdrawn pays for nothing and passes.
 */
final class HomePcProofs {
  private static final String KIND = "SELECT kind FROM terminal WHERE terminal_id = ?";

  private HomePcProofs() {}

  /**
   * Throws {@link CenterPaymentRefusedException} ({@link Reason#HOME_PC_PAYMENT_NOT_ALLOWED}) when
   * {@code proof} comes from a home PC and the center cannot check it.
   */
  static void requireCheckable(Connection c, PaymentProof proof, PaymentUse.Kind kind)
      throws SQLException {
    if (kind == PaymentUse.Kind.REFUSED
        || kind == PaymentUse.Kind.WITHDRAWN
        || checkable(proof)
        || !homePc(c, proof)) {
      return;
    }
    // A card or transfer a home PC takes is the center's to authorise; the rest it never takes.
    boolean viaCenter =
        proof.method() == PaymentMethod.CREDIT_CARD
            || proof.method() == PaymentMethod.ACCOUNT_TRANSFER;
    throw new CenterPaymentRefusedException(
        Reason.HOME_PC_PAYMENT_NOT_ALLOWED,
        viaCenter ? "payment.acquirer" : "payment.method",
        "terminal "
            + proof.terminalId()
            + " is a home PC: it sells only against a payment the center authorised (acquirer "
            + PaymentProof.CENTER_ACQUIRER
            + ") or e-money from the card's own purse, not "
            + proof.method()
            + " of acquirer "
            + proof.acquirer());
  }

  /**
   * A payment the center authorised (its record backs it) or e-money, whose purse {@code CenterApi}
   * already holds to the request's own card.
   */
  private static boolean checkable(PaymentProof proof) {
    return proof.centerAcquired() || proof.method().purse();
  }

  /** Registered as a home PC; an unregistered terminal (development only) is an ATM. */
  private static boolean homePc(Connection c, PaymentProof proof) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(KIND)) {
      ps.setString(1, proof.terminalId().value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() && TerminalKind.HOME_PC.name().equals(rs.getString(1));
      }
    }
  }
}
