package com.kippu.center.home.sql;

import com.kippu.center.db.Database;
import com.kippu.center.db.Dialect;
import com.kippu.center.home.CardAuthorizer;
import com.kippu.center.home.HomeAccess;
import com.kippu.center.home.HomePayment;
import com.kippu.center.home.HomeRepository;
import com.kippu.center.home.HomeService;
import com.kippu.center.home.HomeSessions;
import com.kippu.center.reservation.PaymentUse;
import com.kippu.center.user.PinHash;
import com.kippu.center.user.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/**
 * Home PC access on {@code home_access}, its logged-in sessions on {@code home_session} and its
 * payments on {@code home_payment}.
 */
public final class SqlHomeRepository implements HomeRepository {
  private final Database db;

  public SqlHomeRepository(Database db) {
    this.db = db;
  }

  @Override
  public void setAccess(HomeAccess access, Instant at) {
    PinHash password = access.password();
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO home_access (user_id, password_algorithm, password_iterations,"
                      + " password_salt, password_hash, card_sealed, card_salt, card_masked,"
                      + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                      + " ON CONFLICT (user_id) DO UPDATE SET"
                      + " password_algorithm = excluded.password_algorithm,"
                      + " password_iterations = excluded.password_iterations,"
                      + " password_salt = excluded.password_salt,"
                      + " password_hash = excluded.password_hash,"
                      + " card_sealed = excluded.card_sealed, card_salt = excluded.card_salt,"
                      + " card_masked = excluded.card_masked,"
                      + " updated_at = excluded.updated_at")) {
            ps.setString(1, access.userId().value());
            ps.setString(2, password.algorithm());
            ps.setInt(3, password.iterations());
            ps.setBytes(4, password.salt());
            ps.setBytes(5, password.hash());
            ps.setBytes(6, access.cardSealed());
            ps.setBytes(7, access.cardSalt());
            ps.setString(8, access.maskedCard());
            ps.setLong(9, at.toEpochMilli());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public Optional<HomeAccess> access(UserId userId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT password_algorithm, password_iterations, password_salt, password_hash,"
                      + " card_sealed, card_salt, card_masked FROM home_access WHERE user_id = ?")) {
            ps.setString(1, userId.value());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new HomeAccess(
                      userId,
                      new PinHash(rs.getString(1), rs.getInt(2), rs.getBytes(3), rs.getBytes(4)),
                      rs.getBytes(5),
                      rs.getBytes(6),
                      rs.getString(7)));
            }
          }
        });
  }

  @Override
  public boolean begin(HomePayment p) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO home_payment (reference, user_id, terminal_id, amount_yen,"
                      + " masked_card, status, method, started_at)"
                      + " VALUES (?, ?, ?, ?, ?, 'PENDING', ?, ?)"
                      + " ON CONFLICT (reference) DO NOTHING")) {
            ps.setString(1, p.reference());
            ps.setString(2, p.userId().value());
            ps.setString(3, p.terminalId());
            ps.setLong(4, p.amountYen());
            ps.setString(5, p.paidFrom());
            ps.setString(6, p.method().name());
            ps.setLong(7, p.startedAt().toEpochMilli());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean settle(
      String reference,
      HomePayment.Status status,
      CardAuthorizer.Authorization answer,
      boolean claimed) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE home_payment SET status = ?, response_code = ?, rrn = ?,"
                      + " approval_code = ?, stan = ?, paid_at = ?"
                      + " WHERE reference = ? AND status = 'PENDING' AND "
                      + (claimed ? "paid_for = ?" : "paid_for IS NULL"))) {
            ps.setString(1, status.name());
            ps.setString(2, answer.responseCode());
            ps.setString(3, answer.rrn());
            ps.setString(4, answer.approvalCode());
            ps.setString(5, answer.stan());
            ps.setLong(6, answer.at().toEpochMilli());
            ps.setString(7, reference);
            if (claimed) {
              ps.setString(8, PaymentUse.CENTER_REVERSAL);
            }
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Optional<HomePayment> payment(String reference) {
    return db.read(c -> payment(c, reference));
  }

  @Override
  public boolean sharedByNodes() {
    return db.dialect() == Dialect.POSTGRESQL;
  }

  @Override
  public void markReversed(String reference) {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE home_payment SET status = 'REVERSED' WHERE reference = ?"
                      + " AND status IN ('PENDING', 'APPROVED')")) {
            ps.setString(1, reference);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public String holdForReversal(String reference) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE home_payment SET paid_for = ? WHERE reference = ? AND paid_for IS NULL")) {
            ps.setString(1, PaymentUse.CENTER_REVERSAL);
            ps.setString(2, reference);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement("SELECT paid_for FROM home_payment WHERE reference = ?")) {
            ps.setString(1, reference);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                throw new IllegalStateException("no home payment " + reference);
              }
              return rs.getString(1);
            }
          }
        });
  }

  private static Optional<HomePayment> payment(Connection c, String reference) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT * FROM home_payment WHERE reference = ?")) {
      ps.setString(1, reference);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new HomePayment(
                reference,
                new UserId(rs.getString("user_id")),
                rs.getString("terminal_id"),
                rs.getLong("amount_yen"),
                rs.getString("masked_card"),
                HomePayment.Status.valueOf(rs.getString("status")),
                rs.getString("response_code"),
                rs.getString("rrn"),
                rs.getString("approval_code"),
                rs.getString("stan"),
                instant(rs, "paid_at"),
                HomePayment.Method.valueOf(rs.getString("method")),
                Instant.ofEpochMilli(rs.getLong("started_at"))));
      }
    }
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    long millis = rs.getLong(column);
    return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
  }

  @Override
  public void saveSession(HomeSessions.Stored session, Instant expiresAt) {
    long purgeBefore = expiresAt.minus(HomeService.SESSION).toEpochMilli();
    db.write(
        c -> {
          try (PreparedStatement purge =
              c.prepareStatement("DELETE FROM home_session WHERE expires_at < ?")) {
            purge.setLong(1, purgeBefore);
            purge.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO home_session (token_hash, user_id, masked_card, expires_at,"
                      + " card_sealed) VALUES (?, ?, ?, ?, ?)")) {
            ps.setBytes(1, session.tokenHash());
            ps.setString(2, session.userId().value());
            ps.setString(3, session.maskedCard());
            ps.setLong(4, session.expiresAt().toEpochMilli());
            ps.setBytes(5, session.cardSealed());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public Optional<HomeSessions.Stored> session(byte[] tokenHash) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT user_id, masked_card, expires_at, card_sealed FROM home_session"
                      + " WHERE token_hash = ?")) {
            ps.setBytes(1, tokenHash);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new HomeSessions.Stored(
                      tokenHash,
                      new UserId(rs.getString(1)),
                      rs.getString(2),
                      Instant.ofEpochMilli(rs.getLong(3)),
                      rs.getBytes(4)));
            }
          }
        });
  }
}
