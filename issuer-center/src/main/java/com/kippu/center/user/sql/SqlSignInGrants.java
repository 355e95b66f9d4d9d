package com.kippu.center.user.sql;

import com.kippu.center.db.Database;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.user.SignInGrant;
import com.kippu.center.user.SignInGrantRepository;
import com.kippu.center.user.UserId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;

/** Sign-in grants on {@code sign_in_grant}. */
public final class SqlSignInGrants implements SignInGrantRepository {
  private final Database db;

  public SqlSignInGrants(Database db) {
    this.db = db;
  }

  @Override
  public void add(SignInGrant grant, Instant purgeBefore) {
    db.write(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM sign_in_grant WHERE expires_at < ?")) {
            ps.setLong(1, purgeBefore.toEpochMilli());
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO sign_in_grant (grant_id, user_id, terminal_id, expires_at)"
                      + " VALUES (?, ?, ?, ?)")) {
            ps.setString(1, grant.grantId());
            ps.setString(2, grant.userId().value());
            ps.setString(3, grant.terminalId().value());
            ps.setLong(4, grant.expiresAt().toEpochMilli());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<SignInGrant> use(String grantId, CardId card, Predicate<SignInGrant> usable) {
    String lock = db.dialect().lockForUpdate();
    return db.write(
        c -> {
          SignInGrant before;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT user_id, terminal_id, expires_at, card_id FROM sign_in_grant"
                      + " WHERE grant_id = ?"
                      + lock)) {
            ps.setString(1, grantId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              before =
                  new SignInGrant(
                      grantId,
                      new UserId(rs.getString(1)),
                      new TerminalId(rs.getString(2)),
                      Instant.ofEpochMilli(rs.getLong(3)),
                      Optional.ofNullable(rs.getString(4)).map(CardId::new));
            }
          }
          if (before.cardId().isEmpty() && usable.test(before)) {
            try (PreparedStatement ps =
                c.prepareStatement("UPDATE sign_in_grant SET card_id = ? WHERE grant_id = ?")) {
              ps.setString(1, card.value());
              ps.setString(2, grantId);
              ps.executeUpdate();
            }
          }
          return Optional.of(before);
        });
  }
}
