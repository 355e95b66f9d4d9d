package com.kippu.center.card.sql;

import com.kippu.center.card.CardChallenge;
import com.kippu.center.card.CardChallengeRepository;
import com.kippu.center.db.Database;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.TerminalId;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;

/** One-time card challenges on {@code card_challenge}. */
public final class SqlCardChallenges implements CardChallengeRepository {
  private final Database db;

  public SqlCardChallenges(Database db) {
    this.db = db;
  }

  @Override
  public void add(CardChallenge c, Instant purgeBefore) {
    db.write(
        conn -> {
          try (PreparedStatement ps =
              conn.prepareStatement("DELETE FROM card_challenge WHERE expires_at < ?")) {
            ps.setLong(1, purgeBefore.toEpochMilli());
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              conn.prepareStatement(
                  "INSERT INTO card_challenge (challenge_id, card_id, terminal_id, challenge,"
                      + " expires_at) VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, c.challengeId());
            ps.setString(2, c.cardId().value());
            ps.setString(3, c.terminalId().value());
            ps.setBytes(4, c.challenge());
            ps.setLong(5, c.expiresAt().toEpochMilli());
            ps.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<CardChallenge> use(String challengeId, Instant at) {
    String lock = db.dialect().lockForUpdate();
    return db.write(
        conn -> {
          CardChallenge before;
          try (PreparedStatement ps =
              conn.prepareStatement(
                  "SELECT card_id, terminal_id, challenge, expires_at, used_at FROM card_challenge"
                      + " WHERE challenge_id = ?"
                      + lock)) {
            ps.setString(1, challengeId);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              long used = rs.getLong(5);
              boolean unused = rs.wasNull();
              before =
                  new CardChallenge(
                      challengeId,
                      new CardId(rs.getString(1)),
                      new TerminalId(rs.getString(2)),
                      rs.getBytes(3),
                      Instant.ofEpochMilli(rs.getLong(4)),
                      unused ? Optional.empty() : Optional.of(Instant.ofEpochMilli(used)));
            }
          }
          if (before.usedAt().isEmpty()) {
            try (PreparedStatement ps =
                conn.prepareStatement(
                    "UPDATE card_challenge SET used_at = ? WHERE challenge_id = ?")) {
              ps.setLong(1, at.toEpochMilli());
              ps.setString(2, challengeId);
              ps.executeUpdate();
            }
          }
          return Optional.of(before);
        });
  }
}
