package com.kippu.simulator.network;

import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.iso8583.ResponseCode;
import com.kippu.iso8583.security.SoftwareHsm;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.Objects;
import org.sqlite.SQLiteConfig;

/**
 * A card company's books in SQLite: each card's kind, expiry and available amount (credit line
 * left, or prepaid value), and a log of authorizations keyed by transmission (41, 11, 7) so each is
 * applied and reversed at most once. Card numbers are stored only as keyed tokens and masked. One
 * connection, one IMMEDIATE transaction per operation.
 */
final class CardBook implements AutoCloseable {
  private final Connection c;
  private final SoftwareHsm hsm;

  private CardBook(Connection c, SoftwareHsm hsm) {
    this.c = c;
    this.hsm = hsm;
  }

  static CardBook open(Path file, SoftwareHsm hsm) {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(10_000);
    config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
    try {
      Connection c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
      try (Statement s = c.createStatement()) {
        s.executeUpdate(
            "CREATE TABLE IF NOT EXISTS cards (token TEXT PRIMARY KEY, display TEXT NOT NULL, "
                + "kind TEXT NOT NULL, expiry TEXT NOT NULL, available_yen INTEGER NOT NULL)");
        s.executeUpdate(
            "CREATE TABLE IF NOT EXISTS authorizations (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                + "terminal_id TEXT NOT NULL, stan TEXT NOT NULL, transmitted TEXT NOT NULL, "
                + "card_token TEXT, amount_yen INTEGER NOT NULL, status TEXT NOT NULL, "
                + "response_code TEXT, UNIQUE (terminal_id, stan, transmitted))");
      }
      return new CardBook(c, hsm);
    } catch (SQLException e) {
      throw new IllegalStateException("card book could not be opened", e);
    }
  }

  synchronized void issue(
      CardNumber card, AuthorizationRequest.Kind kind, CardExpiry expiry, long availableYen) {
    run(
        () -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO cards(token, display, kind, expiry, available_yen) VALUES"
                      + " (?,?,?,?,?) ON CONFLICT(token) DO UPDATE SET kind = excluded.kind, expiry"
                      + " = excluded.expiry, available_yen = excluded.available_yen")) {
            ps.setString(1, token(card));
            ps.setString(2, card.masked());
            ps.setString(3, kind.name());
            ps.setString(4, expiry.yymm());
            ps.setLong(5, availableYen);
            ps.executeUpdate();
          }
          return null;
        });
  }

  synchronized long available(CardNumber card) {
    Long a =
        run(
            () -> {
              try (PreparedStatement ps =
                  c.prepareStatement("SELECT available_yen FROM cards WHERE token = ?")) {
                ps.setString(1, token(card));
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next() ? rs.getLong(1) : null;
                }
              }
            });
    if (a == null) {
      throw new IllegalArgumentException("no such card " + card.masked());
    }
    return a;
  }

  /** Authorizes: 94 duplicate, 14 unknown card, 12 wrong kind, 54 expiry, 51 not enough. */
  synchronized Authorization authorize(
      Key key,
      CardNumber card,
      AuthorizationRequest.Kind kind,
      String expiry,
      long amount,
      YearMonth now) {
    String token = token(card);
    return run(
        () -> {
          if (status(key) != null) {
            return Authorization.declined(ResponseCode.DUPLICATE_TRANSMISSION);
          }
          ResponseCode refusal = null;
          try (PreparedStatement ps =
              c.prepareStatement("SELECT kind, expiry, available_yen FROM cards WHERE token = ?")) {
            ps.setString(1, token);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                refusal = ResponseCode.INVALID_ACCOUNT;
              } else if (!kind.name().equals(rs.getString(1))) {
                refusal = ResponseCode.INVALID_TRANSACTION;
              } else if (!rs.getString(2).equals(expiry) || expired(rs.getString(2), now)) {
                refusal = ResponseCode.EXPIRED_CARD;
              } else if (rs.getLong(3) < amount) {
                refusal = ResponseCode.INSUFFICIENT_FUNDS;
              }
            }
          }
          long id = log(key, token, amount, refusal == null ? "APPLIED" : "DECLINED", refusal);
          if (refusal != null) {
            return Authorization.declined(refusal);
          }
          adjust(token, -amount);
          return new Authorization(ResponseCode.APPROVED, String.format("%06d", id % 1_000_000));
        });
  }

  /** Reverses the authorization {@code original} names, once; true when value came back now. */
  synchronized boolean reverse(Key original, long amount) {
    return run(
        () -> {
          String status = status(original);
          if (status == null) {
            log(original, null, amount, "VOIDED", null);
            return false;
          }
          if (!"APPLIED".equals(status)) {
            return false;
          }
          String token;
          long applied;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT card_token, amount_yen FROM authorizations "
                      + "WHERE terminal_id = ? AND stan = ? AND transmitted = ?")) {
            bind(ps, 1, original);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              token = rs.getString(1);
              applied = rs.getLong(2);
            }
          }
          adjust(token, applied);
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE authorizations SET status = 'REVERSED' "
                      + "WHERE terminal_id = ? AND stan = ? AND transmitted = ?")) {
            bind(ps, 1, original);
            ps.executeUpdate();
          }
          return true;
        });
  }

  @Override
  public synchronized void close() {
    try {
      c.close();
    } catch (SQLException e) {
      throw new IllegalStateException("card book could not be closed", e);
    }
  }

  /** Transmission key: terminal id, STAN, field 7. */
  record Key(String terminalId, String stan, String transmitted) {
    Key {
      Objects.requireNonNull(terminalId, "terminalId");
      Objects.requireNonNull(stan, "stan");
      Objects.requireNonNull(transmitted, "transmitted");
    }
  }

  /** Field 39 and, when approved, field 38. */
  record Authorization(ResponseCode code, String approvalCode) {
    static Authorization declined(ResponseCode code) {
      return new Authorization(code, "");
    }
  }

  private String token(CardNumber card) {
    return hsm.token("pan", card.value());
  }

  private static boolean expired(String yymm, YearMonth now) {
    YearMonth e =
        YearMonth.of(
            2000 + Integer.parseInt(yymm.substring(0, 2)), Integer.parseInt(yymm.substring(2)));
    return e.isBefore(now);
  }

  private String status(Key key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT status FROM authorizations WHERE terminal_id = ? AND stan = ? AND transmitted ="
                + " ?")) {
      bind(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private long log(Key key, String token, long amount, String status, ResponseCode rc)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO authorizations(terminal_id, stan, transmitted, card_token, amount_yen, "
                + "status, response_code) VALUES (?,?,?,?,?,?,?)",
            Statement.RETURN_GENERATED_KEYS)) {
      bind(ps, 1, key);
      ps.setString(4, token);
      ps.setLong(5, amount);
      ps.setString(6, status);
      ps.setString(7, rc == null ? null : rc.code());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private void adjust(String token, long delta) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE cards SET available_yen = available_yen + ? WHERE token = ?")) {
      ps.setLong(1, delta);
      ps.setString(2, token);
      ps.executeUpdate();
    }
  }

  private static void bind(PreparedStatement ps, int first, Key k) throws SQLException {
    ps.setString(first, k.terminalId());
    ps.setString(first + 1, k.stan());
    ps.setString(first + 2, k.transmitted());
  }

  private interface Work<T> {
    T run() throws SQLException;
  }

  private <T> T run(Work<T> work) {
    try (Statement s = c.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        T result = work.run();
        s.execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException e) {
        s.execute("ROLLBACK");
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException("card book transaction failed", e);
    }
  }
}
