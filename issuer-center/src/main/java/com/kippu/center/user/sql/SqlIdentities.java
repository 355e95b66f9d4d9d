package com.kippu.center.user.sql;

import com.kippu.center.db.Database;
import com.kippu.center.user.IdentityCheck;
import com.kippu.center.user.IdentityRepository;
import com.kippu.center.user.UserId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** Identity checks on {@code identity_check}, face photos on {@code user_photo}. */
public final class SqlIdentities implements IdentityRepository {
  private final Database db;

  public SqlIdentities(Database db) {
    this.db = db;
  }

  @Override
  public Optional<IdentityCheck> check(IdentityCheck check) {
    return db.write(
        c -> {
          if (!userExists(c, check.userId())) {
            return Optional.<IdentityCheck>empty();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO identity_check (user_id, operator, document, checked_at)"
                      + " VALUES (?, ?, ?, ?) ON CONFLICT (user_id) DO NOTHING")) {
            ps.setString(1, check.userId().value());
            ps.setString(2, check.operator());
            ps.setString(3, check.document());
            ps.setLong(4, check.checkedAt().toEpochMilli());
            ps.executeUpdate();
          }
          return checkOf(c, check.userId());
        });
  }

  @Override
  public Optional<IdentityCheck> checkOf(UserId user) {
    return db.read(c -> checkOf(c, user));
  }

  @Override
  public boolean storePhoto(UserId user, byte[] png, Instant at) {
    return db.write(
        c -> {
          if (!userExists(c, user)) {
            return false;
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO user_photo (user_id, png, stored_at) VALUES (?, ?, ?)"
                      + " ON CONFLICT (user_id) DO UPDATE SET png = excluded.png,"
                      + " stored_at = excluded.stored_at")) {
            ps.setString(1, user.value());
            ps.setBytes(2, png);
            ps.setLong(3, at.toEpochMilli());
            ps.executeUpdate();
          }
          return true;
        });
  }

  @Override
  public Optional<byte[]> photo(UserId user) {
    return db.read(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT png FROM user_photo WHERE user_id = ?")) {
            ps.setString(1, user.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getBytes(1)) : Optional.<byte[]>empty();
            }
          }
        });
  }

  private static Optional<IdentityCheck> checkOf(Connection c, UserId user) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT operator, document, checked_at FROM identity_check WHERE user_id = ?")) {
      ps.setString(1, user.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(
                new IdentityCheck(
                    user, rs.getString(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3))))
            : Optional.empty();
      }
    }
  }

  private static boolean userExists(Connection c, UserId user) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT 1 FROM registered_user WHERE user_id = ?")) {
      ps.setString(1, user.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
