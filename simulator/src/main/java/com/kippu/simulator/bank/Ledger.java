package com.kippu.simulator.bank;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.iso8583.ResponseCode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import org.sqlite.SQLiteConfig;

/**
 * The simulated bank's books in SQLite: account balances and a log of every transfer transmission.
 * Each transfer or reversal runs in one IMMEDIATE transaction together with its log row, so writers
 * are serialized and a transmission key (41, 11, 7) is never applied twice; the UNIQUE constraint
 * is the last line of defence.
 */
public final class Ledger {
  /** Log row states: APPLIED moved money; REVERSED moved it and moved it back; VOIDED never did. */
  private static final String APPLIED = "APPLIED";

  private static final String DECLINED = "DECLINED";
  private static final String REVERSED = "REVERSED";
  private static final String VOIDED = "VOIDED";

  private final String url;
  private final SQLiteConfig config;

  private Ledger(Path file) {
    this.url = "jdbc:sqlite:" + file.toAbsolutePath();
    this.config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(10_000);
    // BEGIN IMMEDIATE: the write lock is taken before the balance is read, so two concurrent
    // transfers from one account cannot both see the old balance.
    config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
  }

  /** Opens (creating if needed) the ledger in {@code file}. */
  public static Ledger open(Path file) {
    Objects.requireNonNull(file, "file");
    Ledger ledger = new Ledger(file);
    ledger.createSchema();
    return ledger;
  }

  /** Creates the account or resets its holder and balance: idempotent seeding. */
  public void openAccount(AccountNumber number, String holderName, long balanceYen) {
    Objects.requireNonNull(number, "number");
    Objects.requireNonNull(holderName, "holderName");
    if (balanceYen < 0) {
      throw new IllegalArgumentException("balance must not be negative: " + balanceYen);
    }
    inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO accounts(number, holder, balance_yen) VALUES (?, ?, ?) "
                      + "ON CONFLICT(number) DO UPDATE SET holder = excluded.holder, "
                      + "balance_yen = excluded.balance_yen")) {
            ps.setString(1, number.value());
            ps.setString(2, holderName);
            ps.setLong(3, balanceYen);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /**
   * The current balance in yen.
   *
   * @throws IllegalArgumentException when the account does not exist
   */
  public long balance(AccountNumber number) {
    Objects.requireNonNull(number, "number");
    Long balance = inTransaction(c -> balanceOf(c, number.value()));
    if (balance == null) {
      throw new IllegalArgumentException("no such account " + number.masked());
    }
    return balance;
  }

  /** Transfers whose money currently stands moved (reversed ones are not counted). */
  public long appliedTransferCount() {
    return countWithStatus(APPLIED);
  }

  private long countWithStatus(String status) {
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT COUNT(*) FROM transfers WHERE status = ?")) {
            ps.setString(1, status);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  /** Transfers whose money moved and was moved back by a reversal. */
  public long reversedTransferCount() {
    return countWithStatus(REVERSED);
  }

  /** The sum of all balances: transfers and reversals move money, they never create it. */
  public long totalBalance() {
    return inTransaction(
        c -> {
          try (Statement s = c.createStatement();
              ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(balance_yen), 0) FROM accounts")) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  /**
   * Applies {@code t} unless its key was seen before (94), an account is unknown (14) or short
   * (51).
   */
  Posting apply(Transfer t) {
    return inTransaction(
        c -> {
          if (exists(c, t.key())) {
            return Posting.declined(ResponseCode.DUPLICATE_TRANSMISSION);
          }
          Long fromBalance = balanceOf(c, t.from().value());
          Long toBalance = balanceOf(c, t.to().value());
          ResponseCode refusal = null;
          if (fromBalance == null || toBalance == null) {
            refusal = ResponseCode.INVALID_ACCOUNT;
          } else if (fromBalance < t.amountYen()) {
            refusal = ResponseCode.INSUFFICIENT_FUNDS;
          }
          long id = insertLog(c, t, refusal == null ? APPLIED : DECLINED, refusal);
          if (refusal != null) {
            return Posting.declined(refusal);
          }
          move(c, t.from().value(), -t.amountYen());
          move(c, t.to().value(), t.amountYen());
          return new Posting(ResponseCode.APPROVED, String.format("%06d", id % 1_000_000));
        });
  }

  /**
   * Undoes the transfer {@code original.key()} names, once. A reversal that arrives before its
   * transfer leaves a VOIDED row, so the late transfer is then refused as a duplicate.
   *
   * @return true when money moved back now
   */
  boolean reverse(Transfer original) {
    return inTransaction(
        c -> {
          String status = statusOf(c, original.key());
          if (status == null) {
            insertLog(c, original, VOIDED, null);
            return false;
          }
          if (!APPLIED.equals(status)) {
            return false;
          }
          Transfer applied = loggedTransfer(c, original.key());
          move(c, applied.to().value(), -applied.amountYen());
          move(c, applied.from().value(), applied.amountYen());
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE transfers SET status = ? "
                      + "WHERE terminal_id = ? AND stan = ? AND transmitted = ?")) {
            ps.setString(1, REVERSED);
            bindKey(ps, 2, original.key());
            ps.executeUpdate();
          }
          return true;
        });
  }

  private void createSchema() {
    inTransaction(
        c -> {
          try (Statement s = c.createStatement()) {
            s.executeUpdate(
                "CREATE TABLE IF NOT EXISTS accounts ("
                    + "number TEXT PRIMARY KEY, holder TEXT NOT NULL, "
                    + "balance_yen INTEGER NOT NULL)");
            s.executeUpdate(
                "CREATE TABLE IF NOT EXISTS transfers ("
                    + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "terminal_id TEXT NOT NULL, stan TEXT NOT NULL, transmitted TEXT NOT NULL, "
                    + "from_account TEXT NOT NULL, to_account TEXT NOT NULL, "
                    + "amount_yen INTEGER NOT NULL, status TEXT NOT NULL, response_code TEXT, "
                    + "UNIQUE (terminal_id, stan, transmitted))");
          }
          return null;
        });
  }

  private static boolean exists(Connection c, TransmissionKey key) throws SQLException {
    return statusOf(c, key) != null;
  }

  private static String statusOf(Connection c, TransmissionKey key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT status FROM transfers WHERE terminal_id = ? AND stan = ? AND transmitted ="
                + " ?")) {
      bindKey(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static Transfer loggedTransfer(Connection c, TransmissionKey key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT from_account, to_account, amount_yen FROM transfers "
                + "WHERE terminal_id = ? AND stan = ? AND transmitted = ?")) {
      bindKey(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new Transfer(
            key,
            new AccountNumber(rs.getString(1)),
            new AccountNumber(rs.getString(2)),
            rs.getLong(3));
      }
    }
  }

  private static Long balanceOf(Connection c, String number) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT balance_yen FROM accounts WHERE number = ?")) {
      ps.setString(1, number);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static void move(Connection c, String number, long deltaYen) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE accounts SET balance_yen = balance_yen + ? WHERE number = ?")) {
      ps.setLong(1, deltaYen);
      ps.setString(2, number);
      ps.executeUpdate();
    }
  }

  private static long insertLog(Connection c, Transfer t, String status, ResponseCode refusal)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO transfers(terminal_id, stan, transmitted, from_account, to_account, "
                + "amount_yen, status, response_code) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      bindKey(ps, 1, t.key());
      ps.setString(4, t.from().value());
      ps.setString(5, t.to().value());
      ps.setLong(6, t.amountYen());
      ps.setString(7, status);
      ps.setString(8, refusal == null ? null : refusal.code());
      ps.executeUpdate();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static void bindKey(PreparedStatement ps, int first, TransmissionKey key)
      throws SQLException {
    ps.setString(first, key.terminalId());
    ps.setString(first + 1, key.stan());
    ps.setString(first + 2, key.transmittedAt());
  }

  /** Work inside one transaction on its own connection. */
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private <T> T inTransaction(Work<T> work) {
    try (Connection c = config.createConnection(url)) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new LedgerException("ledger transaction failed", e);
    }
  }
}
