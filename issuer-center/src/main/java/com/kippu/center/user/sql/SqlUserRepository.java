package com.kippu.center.user.sql;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.db.Database;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.ReservationNumber;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.reservation.TicketNumber;
import com.kippu.center.signing.SignedDocument;
import com.kippu.center.user.LoginState;
import com.kippu.center.user.PinHash;
import com.kippu.center.user.PurchaseRecord;
import com.kippu.center.user.TerminalThrottle;
import com.kippu.center.user.UserCard;
import com.kippu.center.user.UserId;
import com.kippu.center.user.UserProfile;
import com.kippu.center.user.UserRepository;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Registered users on {@code registered_user} and {@code user_card}. */
public final class SqlUserRepository implements UserRepository {
  private static final String TICKET_STATE =
      "CASE WHEN EXISTS (SELECT 1 FROM revocation v WHERE (v.kind = 'TICKET'"
          + " AND v.subject = x.ticket_number) OR (v.kind = 'CARD' AND v.subject = x.card_id))"
          + " THEN 'REVOKED' WHEN EXISTS (SELECT 1 FROM ticket_use u"
          + " WHERE u.ticket_number = x.ticket_number) THEN 'USED' ELSE 'VALID' END";

  private final Database db;

  public SqlUserRepository(Database db) {
    this.db = db;
  }

  @Override
  public boolean create(UserProfile p, PinHash pin, Instant at) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO registered_user (user_id, name, phone, address, pin_algorithm,"
                      + " pin_iterations, pin_salt, pin_hash, created_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (user_id) DO NOTHING")) {
            ps.setString(1, p.userId().value());
            ps.setString(2, p.name());
            ps.setString(3, p.phone());
            ps.setString(4, p.address());
            ps.setString(5, pin.algorithm());
            ps.setInt(6, pin.iterations());
            ps.setBytes(7, pin.salt());
            ps.setBytes(8, pin.hash());
            ps.setLong(9, at.toEpochMilli());
            return ps.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Optional<UserProfile> profile(UserId userId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT name, phone, address FROM registered_user WHERE user_id = ?")) {
            ps.setString(1, userId.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new UserProfile(userId, rs.getString(1), rs.getString(2), rs.getString(3)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public Optional<PinHash> pinHash(UserId userId) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT pin_algorithm, pin_iterations, pin_salt, pin_hash FROM registered_user"
                      + " WHERE user_id = ?")) {
            ps.setString(1, userId.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next()
                  ? Optional.of(
                      new PinHash(rs.getString(1), rs.getInt(2), rs.getBytes(3), rs.getBytes(4)))
                  : Optional.empty();
            }
          }
        });
  }

  @Override
  public Optional<LoginState> updateLogin(UserId userId, UnaryOperator<LoginState> change) {
    String lock = db.dialect().lockForUpdate();
    return db.write(
        c -> {
          LoginState before;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT failed_attempts, locked_until FROM registered_user WHERE user_id = ?"
                      + lock)) {
            ps.setString(1, userId.value());
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              long locked = rs.getLong(2);
              before =
                  new LoginState(
                      rs.getInt(1),
                      rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(locked)));
            }
          }
          LoginState after = change.apply(before);
          if (!after.equals(before)) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE registered_user SET failed_attempts = ?, locked_until = ?"
                        + " WHERE user_id = ?")) {
              ps.setInt(1, after.failedAttempts());
              if (after.lockedUntil().isPresent()) {
                ps.setLong(2, after.lockedUntil().get().toEpochMilli());
              } else {
                ps.setNull(2, Types.BIGINT);
              }
              ps.setString(3, userId.value());
              ps.executeUpdate();
            }
          }
          return Optional.of(before);
        });
  }

  @Override
  public TerminalThrottle updateThrottle(
      TerminalId terminal, UnaryOperator<TerminalThrottle> change) {
    String lock = db.dialect().lockForUpdate();
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO terminal_pin_throttle (terminal_id, window_start, failures)"
                      + " VALUES (?, 0, 0) ON CONFLICT (terminal_id) DO NOTHING")) {
            ps.setString(1, terminal.value());
            ps.executeUpdate();
          }
          TerminalThrottle before;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT window_start, failures, blocked_until FROM terminal_pin_throttle"
                      + " WHERE terminal_id = ?"
                      + lock)) {
            ps.setString(1, terminal.value());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              long blocked = rs.getLong(3);
              before =
                  new TerminalThrottle(
                      Instant.ofEpochMilli(rs.getLong(1)),
                      rs.getInt(2),
                      rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(blocked)));
            }
          }
          TerminalThrottle after = change.apply(before);
          if (!after.equals(before)) {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "UPDATE terminal_pin_throttle SET window_start = ?, failures = ?,"
                        + " blocked_until = ? WHERE terminal_id = ?")) {
              ps.setLong(1, after.windowStart().toEpochMilli());
              ps.setInt(2, after.failures());
              if (after.blockedUntil().isPresent()) {
                ps.setLong(3, after.blockedUntil().get().toEpochMilli());
              } else {
                ps.setNull(3, Types.BIGINT);
              }
              ps.setString(4, terminal.value());
              ps.executeUpdate();
            }
          }
          return before;
        });
  }

  @Override
  public UserId linkCard(UserId userId, CardId cardId, Instant at) {
    return db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO user_card (card_id, user_id, registered_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT (card_id) DO NOTHING")) {
            ps.setString(1, cardId.value());
            ps.setString(2, userId.value());
            ps.setLong(3, at.toEpochMilli());
            ps.executeUpdate();
          }
          return ownerIn(c, cardId).orElseThrow();
        });
  }

  @Override
  public Optional<UserId> owner(CardId cardId) {
    return db.read(c -> ownerIn(c, cardId));
  }

  private static Optional<UserId> ownerIn(java.sql.Connection c, CardId cardId)
      throws java.sql.SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT user_id FROM user_card WHERE card_id = ?")) {
      ps.setString(1, cardId.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(new UserId(rs.getString(1))) : Optional.empty();
      }
    }
  }

  @Override
  public List<UserCard> cards(UserId userId) {
    return db.read(
        c -> {
          List<UserCard> cards = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT uc.card_id, lc.lost_at, cr.new_card_id FROM user_card uc"
                      + " LEFT JOIN lost_card lc ON lc.card_id = uc.card_id"
                      + " LEFT JOIN card_reissue cr ON cr.lost_card_id = uc.card_id"
                      + " WHERE uc.user_id = ? ORDER BY uc.registered_at, uc.card_id")) {
            ps.setString(1, userId.value());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                long lost = rs.getLong(2);
                boolean notLost = rs.wasNull();
                String onto = rs.getString(3);
                cards.add(
                    new UserCard(
                        new CardId(rs.getString(1)),
                        notLost ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lost)),
                        onto == null ? Optional.empty() : Optional.of(new CardId(onto))));
              }
            }
          }
          return cards;
        });
  }

  @Override
  public List<PurchaseRecord> purchases(UserId userId) {
    String tickets =
        "SELECT x.ticket_number, x.card_id, x.issuer_id, x.reservation_number, r.event_id,"
            + " e.title, r.amount_yen, x.issued_at, "
            + TICKET_STATE
            + " AS state, x.payload, x.signature, x.key_id, x.algorithm FROM %s x"
            + " JOIN reservation r ON r.reservation_number = x.reservation_number"
            + " JOIN event e ON e.event_id = r.event_id"
            + " WHERE x.card_id IN (SELECT card_id FROM user_card WHERE user_id = ?)";
    String sql =
        String.format(tickets, "ticket")
            + " UNION ALL "
            + String.format(tickets, "reissued_ticket")
            + " ORDER BY 8 DESC, 1";
    return db.read(
        c -> {
          List<PurchaseRecord> list = new ArrayList<>();
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, userId.value());
            ps.setString(2, userId.value());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                list.add(
                    new PurchaseRecord(
                        new TicketNumber(rs.getString(1)),
                        new CardId(rs.getString(2)),
                        new IssuerId(rs.getString(3)),
                        new ReservationNumber(rs.getString(4)),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getLong(7),
                        Instant.ofEpochMilli(rs.getLong(8)),
                        rs.getString(9),
                        new SignedDocument(
                            rs.getBytes(10), rs.getBytes(11), rs.getString(12), rs.getString(13))));
              }
            }
          }
          return list;
        });
  }
}
