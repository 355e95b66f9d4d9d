package com.kippu.simulator.bank;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.iso8583.ResponseCode;
import com.kippu.iso8583.security.PinCheck;
import com.kippu.iso8583.security.SoftwareHsm;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.sqlite.SQLiteConfig;

/**
 * The simulated bank's books in SQLite: balances, debit cards and a log of every money movement.
 * Card and account numbers are stored only as keyed tokens (HMAC under the host module's key) and
 * masked display forms; PINs only as salted verification values.
 *
 * <p>Group commit: every operation goes to one writer thread, which runs the operations waiting at
 * that moment in one IMMEDIATE transaction, each inside its own savepoint (an operation that fails
 * is rolled back alone), then commits once (WAL, synchronous=FULL) and only then hands out the
 * results. So each movement stays atomic and is durable before its answer leaves, while one fsync
 * serves a whole batch. A transmission key (41, 11, 7) is applied at most once; the UNIQUE
 * constraint is the last line of defence.
 */
public final class Ledger implements AutoCloseable {
  /** Log row states: APPLIED moved money; REVERSED moved it and moved it back; VOIDED never did. */
  private static final String APPLIED = "APPLIED";

  private static final String DECLINED = "DECLINED";
  private static final String REVERSED = "REVERSED";
  private static final String VOIDED = "VOIDED";

  /** Three wrong PINs in a row block the card (75). */
  static final int MAX_PIN_TRIES = 3;

  private static final int MAX_BATCH = 256;

  private final Connection connection;
  private final SoftwareHsm hsm;
  private final BlockingQueue<Op<?>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;
  private long batches;
  private long operations;

  private Ledger(Connection connection, SoftwareHsm hsm, String name) {
    this.connection = connection;
    this.hsm = hsm;
    this.writer = new Thread(this::writeLoop, "ledger-writer-" + name);
    writer.setDaemon(true);
  }

  /** Opens (creating if needed) the ledger in {@code file}, tokens under {@code hsm}'s key. */
  public static Ledger open(Path file, SoftwareHsm hsm) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(hsm, "hsm");
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(10_000);
    // Deleted or overwritten rows are zeroed, not merely unlinked.
    config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
    Connection c;
    try {
      c = config.createConnection("jdbc:sqlite:" + file.toAbsolutePath());
    } catch (SQLException e) {
      throw new LedgerException("ledger could not be opened", e);
    }
    Ledger ledger = new Ledger(c, hsm, file.getFileName().toString());
    ledger.writer.start();
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
    String token = token(number);
    inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO accounts(token, display, holder, balance_yen) VALUES (?, ?, ?, ?) "
                      + "ON CONFLICT(token) DO UPDATE SET holder = excluded.holder, "
                      + "balance_yen = excluded.balance_yen")) {
            ps.setString(1, token);
            ps.setString(2, number.masked());
            ps.setString(3, holderName);
            ps.setLong(4, balanceYen);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /**
   * Issues (or re-issues) a debit card on {@code account}: stores the card's token, expiry and a
   * salted PIN verification value; the caller wipes {@code pin}.
   */
  public void issueDebitCard(
      CardNumber card, CardExpiry expiry, AccountNumber account, char[] pin) {
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(expiry, "expiry");
    Objects.requireNonNull(account, "account");
    byte[] salt = hsm.newSalt();
    byte[] pvv = hsm.pinVerificationValue(card.value(), pin, salt);
    String cardToken = hsm.token("pan", card.value());
    String accountToken = token(account);
    inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO cards(token, display, account_token, expiry, pin_salt, pin_pvv,"
                      + " wrong_pins) VALUES (?, ?, ?, ?, ?, ?, 0) ON CONFLICT(token) DO UPDATE SET"
                      + " account_token = excluded.account_token, expiry = excluded.expiry,"
                      + " pin_salt = excluded.pin_salt, pin_pvv = excluded.pin_pvv, wrong_pins"
                      + " = 0")) {
            ps.setString(1, cardToken);
            ps.setString(2, card.masked());
            ps.setString(3, accountToken);
            ps.setString(4, expiry.yymm());
            ps.setBytes(5, salt);
            ps.setBytes(6, pvv);
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
    String token = token(number);
    Long balance = inTransaction(c -> balanceOf(c, token));
    if (balance == null) {
      throw new IllegalArgumentException("no such account " + number.masked());
    }
    return balance;
  }

  /** Movements whose money currently stands moved (reversed ones are not counted). */
  public long appliedTransferCount() {
    return countWithStatus(APPLIED);
  }

  /** Movements whose money moved and was moved back by a reversal. */
  public long reversedTransferCount() {
    return countWithStatus(REVERSED);
  }

  /** The sum of all balances: transfers, debits and reversals move money, they never create it. */
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

  /** Commits so far and operations they carried, for the benchmark's report. */
  public synchronized long[] commitStatistics() {
    return new long[] {batches, operations};
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    writer.interrupt();
    try {
      writer.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    try {
      connection.close();
    } catch (SQLException e) {
      throw new LedgerException("ledger could not be closed", e);
    }
  }

  /**
   * Applies a transfer or deposit unless its key was seen (94), an account is unknown (14) or short
   * (51).
   */
  Posting apply(Transfer t) {
    String fromToken = t.from() == null ? null : token(t.from());
    String toToken = token(t.to());
    return inTransaction(
        c -> {
          if (statusOf(c, t.key()) != null) {
            return Posting.declined(ResponseCode.DUPLICATE_TRANSMISSION);
          }
          ResponseCode refusal = null;
          Long toBalance = balanceOf(c, toToken);
          Long fromBalance = fromToken == null ? null : balanceOf(c, fromToken);
          if (toBalance == null || (fromToken != null && fromBalance == null)) {
            refusal = ResponseCode.INVALID_ACCOUNT;
          } else if (fromBalance != null && fromBalance < t.amountYen()) {
            refusal = ResponseCode.INSUFFICIENT_FUNDS;
          }
          return post(c, t, fromToken, display(t.from()), toToken, refusal);
        });
  }

  /** What a debit needs besides the movement: the card and its PIN block check. */
  interface PinVerifier {
    PinCheck verify(byte[] salt, byte[] pvv);
  }

  /**
   * A debit with PIN: duplicate (94), unknown card or payee (14), expired or wrong expiry (54),
   * blocked card (75), wrong PIN (55, or 75 on the third in a row; the count is committed even
   * though nothing moves), insufficient funds (51), else money moves card account → payee.
   */
  Posting debit(Transfer t, CardNumber card, String expiry, YearMonth now, PinVerifier pin) {
    String cardToken = hsm.token("pan", card.value());
    String toToken = token(t.to());
    return inTransaction(
        c -> {
          if (statusOf(c, t.key()) != null) {
            return Posting.declined(ResponseCode.DUPLICATE_TRANSMISSION);
          }
          CardRow row = card(c, cardToken);
          Long toBalance = balanceOf(c, toToken);
          ResponseCode refusal = null;
          if (row == null || toBalance == null) {
            refusal = ResponseCode.INVALID_ACCOUNT;
          } else if (!row.expiry().equals(expiry) || expired(row.expiry(), now)) {
            refusal = ResponseCode.EXPIRED_CARD;
          } else if (row.wrongPins() >= MAX_PIN_TRIES) {
            refusal = ResponseCode.PIN_TRIES_EXCEEDED;
          } else {
            PinCheck check = pin.verify(row.salt(), row.pvv());
            if (check != PinCheck.MATCH) {
              int tries = row.wrongPins() + 1;
              setWrongPins(c, cardToken, tries);
              refusal =
                  tries >= MAX_PIN_TRIES
                      ? ResponseCode.PIN_TRIES_EXCEEDED
                      : ResponseCode.INCORRECT_PIN;
            } else {
              if (row.wrongPins() > 0) {
                setWrongPins(c, cardToken, 0);
              }
              Long fromBalance = balanceOf(c, row.accountToken());
              if (fromBalance == null) {
                refusal = ResponseCode.INVALID_ACCOUNT;
              } else if (fromBalance < t.amountYen()) {
                refusal = ResponseCode.INSUFFICIENT_FUNDS;
              }
            }
          }
          String fromToken = row == null ? null : row.accountToken();
          return post(c, t, fromToken, card.masked(), toToken, refusal);
        });
  }

  /**
   * Undoes the movement {@code original.key()} names, once, as it was logged. A reversal that
   * arrives before its original leaves a VOIDED row, so the late original is refused as a
   * duplicate.
   *
   * @return true when money moved back now
   */
  boolean reverse(Transfer original) {
    return inTransaction(
        c -> {
          String status = statusOf(c, original.key());
          if (status == null) {
            insertLog(c, original, null, "-", null, VOIDED, null);
            return false;
          }
          if (!APPLIED.equals(status)) {
            return false;
          }
          String[] tokens = loggedTokens(c, original.key());
          long amount = Long.parseLong(tokens[2]);
          move(c, tokens[1], -amount);
          if (tokens[0] != null) {
            move(c, tokens[0], amount);
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE movements SET status = ? "
                      + "WHERE terminal_id = ? AND stan = ? AND transmitted = ?")) {
            ps.setString(1, REVERSED);
            bindKey(ps, 2, original.key());
            ps.executeUpdate();
          }
          return true;
        });
  }

  private Posting post(
      Connection c,
      Transfer t,
      String fromToken,
      String fromDisplay,
      String toToken,
      ResponseCode refusal)
      throws SQLException {
    long id =
        insertLog(
            c, t, fromToken, fromDisplay, toToken, refusal == null ? APPLIED : DECLINED, refusal);
    if (refusal != null) {
      return Posting.declined(refusal);
    }
    if (fromToken != null) {
      move(c, fromToken, -t.amountYen());
    }
    move(c, toToken, t.amountYen());
    return new Posting(ResponseCode.APPROVED, String.format("%06d", id % 1_000_000));
  }

  private static boolean expired(String yymm, YearMonth now) {
    YearMonth expiry =
        YearMonth.of(
            2000 + Integer.parseInt(yymm.substring(0, 2)), Integer.parseInt(yymm.substring(2)));
    return expiry.isBefore(now);
  }

  private String token(AccountNumber number) {
    return hsm.token("account", number.value());
  }

  private static String display(AccountNumber n) {
    return n == null ? "cash" : n.masked();
  }

  private long countWithStatus(String status) {
    return inTransaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT COUNT(*) FROM movements WHERE status = ?")) {
            ps.setString(1, status);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return rs.getLong(1);
            }
          }
        });
  }

  private void createSchema() {
    inTransaction(
        c -> {
          try (Statement s = c.createStatement()) {
            s.executeUpdate(
                "CREATE TABLE IF NOT EXISTS accounts (token TEXT PRIMARY KEY, "
                    + "display TEXT NOT NULL, holder TEXT NOT NULL, balance_yen INTEGER NOT NULL)");
            s.executeUpdate(
                "CREATE TABLE IF NOT EXISTS cards (token TEXT PRIMARY KEY, display TEXT NOT NULL, "
                    + "account_token TEXT NOT NULL, expiry TEXT NOT NULL, pin_salt BLOB NOT NULL, "
                    + "pin_pvv BLOB NOT NULL, wrong_pins INTEGER NOT NULL)");
            s.executeUpdate(
                "CREATE TABLE IF NOT EXISTS movements ("
                    + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
                    + "terminal_id TEXT NOT NULL, stan TEXT NOT NULL, transmitted TEXT NOT NULL, "
                    + "kind TEXT NOT NULL, from_token TEXT, from_display TEXT NOT NULL, "
                    + "to_token TEXT, amount_yen INTEGER NOT NULL, status TEXT NOT NULL, "
                    + "response_code TEXT, UNIQUE (terminal_id, stan, transmitted))");
          }
          return null;
        });
  }

  private record CardRow(
      String accountToken, String expiry, byte[] salt, byte[] pvv, int wrongPins) {}

  private static CardRow card(Connection c, String token) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT account_token, expiry, pin_salt, pin_pvv, wrong_pins FROM cards WHERE token"
                + " = ?")) {
      ps.setString(1, token);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        return new CardRow(
            rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4), rs.getInt(5));
      }
    }
  }

  private static void setWrongPins(Connection c, String token, int tries) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE cards SET wrong_pins = ? WHERE token = ?")) {
      ps.setInt(1, tries);
      ps.setString(2, token);
      ps.executeUpdate();
    }
  }

  private static String statusOf(Connection c, TransmissionKey key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT status FROM movements WHERE terminal_id = ? AND stan = ? AND transmitted ="
                + " ?")) {
      bindKey(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  /** from token (null for a deposit), to token, amount. */
  private static String[] loggedTokens(Connection c, TransmissionKey key) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT from_token, to_token, amount_yen FROM movements "
                + "WHERE terminal_id = ? AND stan = ? AND transmitted = ?")) {
      bindKey(ps, 1, key);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return new String[] {rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))};
      }
    }
  }

  private static Long balanceOf(Connection c, String token) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT balance_yen FROM accounts WHERE token = ?")) {
      ps.setString(1, token);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getLong(1) : null;
      }
    }
  }

  private static void move(Connection c, String token, long deltaYen) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE accounts SET balance_yen = balance_yen + ? WHERE token = ?")) {
      ps.setLong(1, deltaYen);
      ps.setString(2, token);
      ps.executeUpdate();
    }
  }

  private long insertLog(
      Connection c,
      Transfer t,
      String fromToken,
      String fromDisplay,
      String toToken,
      String status,
      ResponseCode refusal)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO movements(terminal_id, stan, transmitted, kind, from_token, "
                + "from_display, to_token, amount_yen, status, response_code) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      bindKey(ps, 1, t.key());
      ps.setString(4, t.kind().name());
      ps.setString(5, fromToken);
      ps.setString(6, fromDisplay);
      ps.setString(7, toToken);
      ps.setLong(8, t.amountYen());
      ps.setString(9, status);
      ps.setString(10, refusal == null ? null : refusal.code());
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

  /** Work inside one transaction (one savepoint of a group commit). */
  private interface Work<T> {
    T run(Connection c) throws SQLException;
  }

  private static final class Op<T> {
    final Work<T> work;
    final CompletableFuture<T> result = new CompletableFuture<>();
    T value;
    RuntimeException failure;

    Op(Work<T> work) {
      this.work = work;
    }

    void runIn(Connection c, int n) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("SAVEPOINT op" + n);
        try {
          value = work.run(c);
          s.execute("RELEASE op" + n);
        } catch (SQLException | RuntimeException e) {
          s.execute("ROLLBACK TO op" + n);
          s.execute("RELEASE op" + n);
          failure =
              e instanceof RuntimeException r
                  ? r
                  : new LedgerException("ledger operation failed", e);
        }
      }
    }

    void complete() {
      if (failure != null) {
        result.completeExceptionally(failure);
      } else {
        result.complete(value);
      }
    }
  }

  private <T> T inTransaction(Work<T> work) {
    if (closed) {
      throw new LedgerException("ledger is closed", null);
    }
    Op<T> op = new Op<>(work);
    queue.add(op);
    try {
      return op.result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new LedgerException("interrupted waiting for the ledger", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new LedgerException("ledger operation failed", e.getCause());
    }
  }

  private void writeLoop() {
    List<Op<?>> batch = new ArrayList<>(MAX_BATCH);
    while (!closed) {
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        break;
      }
      queue.drainTo(batch, MAX_BATCH - 1);
      commit(batch);
      batch.clear();
    }
    List<Op<?>> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(op -> op.result.completeExceptionally(new LedgerException("ledger closed", null)));
  }

  /** One transaction for the batch; results are handed out only after COMMIT returned. */
  private void commit(List<Op<?>> batch) {
    try (Statement s = connection.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      try {
        for (int i = 0; i < batch.size(); i++) {
          batch.get(i).runIn(connection, i);
        }
        s.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        s.execute("ROLLBACK");
        throw e;
      }
      synchronized (this) {
        batches++;
        operations += batch.size();
      }
      batch.forEach(Op::complete);
    } catch (SQLException | RuntimeException e) {
      LedgerException failure = new LedgerException("ledger commit failed", e);
      batch.forEach(op -> op.result.completeExceptionally(failure));
    }
  }
}
