package com.kippu.center.reservation.sql;

import com.kippu.center.reservation.PaymentProof;
import com.kippu.center.reservation.PaymentUse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code payment} table: every proof the center took (for a ticket or a card sale) or refused,
 * one row per key (method, acquirer, terminal, reference) and, for e-money, at most one per purse
 * value record. Tickets, card sales and the ledger all go through here, so one key guards them all.
 * Rows recorded before acquirers and terminals were kept have both empty, and null for what was not
 * kept then.
 */
public final class PaymentRows {
  private static final String INSERT =
      "INSERT INTO payment (method, acquirer, terminal_id, reference, amount_yen, approval_code,"
          + " stan, paid_at, masked_card, purse_id, purse_sequence, purse_balance_after_yen,"
          + " purse_transaction_id, received_by, use_kind, subject, recorded_at)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String BY_KEY =
      "SELECT * FROM payment WHERE method = ? AND acquirer = ? AND terminal_id = ?"
          + " AND reference = ?";

  // The literal method lets PostgreSQL use the partial unique index on purse records.
  private static final String BY_PURSE_RECORD =
      "SELECT * FROM payment WHERE method = 'EMONEY' AND acquirer = ? AND purse_id = ?"
          + " AND purse_sequence = ?";

  private static final String SPEND =
      "UPDATE prepaid_card SET value_yen = CASE WHEN value_yen > ? THEN value_yen - ? ELSE 0 END"
          + " WHERE card_id = ? AND status = 'ACTIVE'";

  private static final String BY_USE = "SELECT * FROM payment WHERE use_kind = ? AND subject = ?";

  private PaymentRows() {}

  /** A statement that {@link #bind} fills, for batches. */
  static PreparedStatement prepareInsert(Connection c) throws SQLException {
    return c.prepareStatement(INSERT);
  }

  /** Records {@code proof} as used for {@code kind} {@code subject}; a taken key throws. */
  public static void insert(
      Connection c, PaymentProof proof, PaymentUse.Kind kind, String subject, Instant at)
      throws SQLException {
    try (PreparedStatement ps = prepareInsert(c)) {
      bind(ps, proof, kind, subject, at);
      ps.executeUpdate();
    }
    settle(c, proof, kind, subject);
  }

  /**
   * What recording {@code proof} for {@code kind} {@code subject} changes elsewhere, in the same
   * transaction: the purse's ledger ({@link #spentFromPurse}) and, for a payment the center
   * authorised itself, its own record, which must back the proof ({@link CenterPaymentClaims}). A
   * home PC's proof must be one of those the center checks ({@link HomePcProofs}).
   */
  static void settle(Connection c, PaymentProof proof, PaymentUse.Kind kind, String subject)
      throws SQLException {
    HomePcProofs.requireCheckable(c, proof, kind);
    CenterPaymentClaims.claim(c, proof, kind, subject);
    spentFromPurse(c, proof, kind);
  }

  /**
   * E-money lives in the purse on the card; the center keeps, for a registered prepaid card, the
   * ledger of the value loaded onto it (activation, recharges, reissue) less what its purse paid. A
   * purse payment the center takes (not one it refused, whose value the terminal puts back on the
   * card) lowers that value in the same transaction that records the proof, so once per purse
   * record; the value a lost card's reissue moves is then what the purse last reported. It never
   * goes below zero: a purse cannot pay more than was loaded onto it.
   */
  private static void spentFromPurse(Connection c, PaymentProof proof, PaymentUse.Kind kind)
      throws SQLException {
    if (proof.purse() == null || kind == PaymentUse.Kind.REFUSED) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement(SPEND)) {
      ps.setLong(1, proof.amountYen());
      ps.setLong(2, proof.amountYen());
      ps.setString(3, proof.purse().purseId().value());
      ps.executeUpdate();
    }
  }

  static void bind(
      PreparedStatement ps, PaymentProof p, PaymentUse.Kind kind, String subject, Instant at)
      throws SQLException {
    ps.setString(1, p.method().name());
    ps.setString(2, p.acquirer());
    ps.setString(3, p.terminalId().value());
    ps.setString(4, p.reference());
    ps.setLong(5, p.amountYen());
    ps.setString(6, p.approvalCode());
    ps.setString(7, p.stan());
    ps.setString(8, p.paidAt().toString());
    ps.setString(9, p.maskedCard() == null ? null : p.maskedCard().value());
    if (p.purse() == null) {
      ps.setNull(10, Types.VARCHAR);
      ps.setNull(11, Types.BIGINT);
      ps.setNull(12, Types.BIGINT);
      ps.setNull(13, Types.VARCHAR);
    } else {
      ps.setString(10, p.purse().purseId().value());
      ps.setLong(11, p.purse().sequence());
      ps.setLong(12, p.purse().balanceAfterYen());
      ps.setString(13, p.purse().transactionId());
    }
    ps.setString(14, p.method().collector().name());
    ps.setString(15, kind.name());
    ps.setString(16, subject);
    ps.setLong(17, at.toEpochMilli());
  }

  /** What {@code proof} is recorded for: by its key, or for e-money by its purse record. */
  public static Optional<PaymentUse> use(Connection c, PaymentProof proof) throws SQLException {
    Optional<PaymentUse> byKey =
        first(
            c,
            BY_KEY,
            proof,
            proof.method().name(),
            proof.acquirer(),
            proof.terminalId().value(),
            proof.reference());
    if (byKey.isPresent() || proof.purse() == null) {
      return byKey;
    }
    return first(
        c,
        BY_PURSE_RECORD,
        proof,
        proof.acquirer(),
        proof.purse().purseId().value(),
        proof.purse().sequence());
  }

  /** The payment recorded for {@code kind} {@code subject}, compared with {@code proof}. */
  public static Optional<PaymentUse> recordedFor(
      Connection c, PaymentUse.Kind kind, String subject, PaymentProof proof) throws SQLException {
    return first(c, BY_USE, proof, kind.name(), subject);
  }

  private static Optional<PaymentUse> first(
      Connection c, String query, PaymentProof proof, Object... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(query)) {
      for (int i = 0; i < params.length; i++) {
        ps.setObject(i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new PaymentUse(
                PaymentUse.Kind.valueOf(rs.getString("use_kind")),
                rs.getString("subject"),
                same(rs, proof)));
      }
    }
  }

  /** Whether the row is {@code p}, in every field it kept. */
  private static boolean same(ResultSet rs, PaymentProof p) throws SQLException {
    if (!rs.getString("method").equals(p.method().name())
        || !rs.getString("reference").equals(p.reference())
        || rs.getLong("amount_yen") != p.amountYen()) {
      return false;
    }
    String stan = rs.getString("stan");
    if (rs.getString("acquirer").isEmpty()) {
      // Recorded before V9: method, reference, amount and (for tickets) the STAN were all it kept.
      return stan == null || stan.equals(p.stan());
    }
    return rs.getString("acquirer").equals(p.acquirer())
        && rs.getString("terminal_id").equals(p.terminalId().value())
        && p.approvalCode().equals(rs.getString("approval_code"))
        && p.stan().equals(stan)
        && p.paidAt().toString().equals(rs.getString("paid_at"))
        && Objects.equals(
            rs.getString("masked_card"), p.maskedCard() == null ? null : p.maskedCard().value())
        && samePurse(rs, p);
  }

  private static boolean samePurse(ResultSet rs, PaymentProof p) throws SQLException {
    String purseId = rs.getString("purse_id");
    if (p.purse() == null || purseId == null) {
      return p.purse() == null && purseId == null;
    }
    return purseId.equals(p.purse().purseId().value())
        && rs.getLong("purse_sequence") == p.purse().sequence()
        && rs.getLong("purse_balance_after_yen") == p.purse().balanceAfterYen()
        && p.purse().transactionId().equals(rs.getString("purse_transaction_id"));
  }
}
