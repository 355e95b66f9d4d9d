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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * that moment in one IMMEDIATE transaction, then commits once (WAL, synchronous=FULL) and only then
 * hands out the results. So each movement stays atomic and is durable before its answer leaves,
 * while one fsync serves a whole batch. An operation that fails is rolled back alone: the batch
 * runs without savepoints, and only when an operation failed is it rolled back and run again with a
 * savepoint per operation (operations keep their effects in the database, so running one again is
 * safe). Statements are prepared once and reused. A transmission key (41, 11, 7) is applied at most
 * once; the UNIQUE constraint is the last line of defence.
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
  private final Tx tx;
  private final SoftwareHsm hsm;
  private final BlockingQueue<Op<?>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private volatile boolean closed;
  private long batches;
  private long operations;
  private long retried;

  private Ledger(Connection connection, SoftwareHsm hsm, String name) {
    this.connection = connection;
    this.tx = new Tx(connection);
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
          PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO accounts(token, display, holder, balance_yen) VALUES (?, ?, ?, ?) "
                      + "ON CONFLICT(token) DO UPDATE SET holder = excluded.holder, "
                      + "balance_yen = excluded.balance_yen");
          ps.setString(1, token);
          ps.setString(2, number.masked());
          ps.setString(3, holderName);
          ps.setLong(4, balanceYen);
          ps.executeUpdate();
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
          PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO cards(token, display, account_token, expiry, pin_salt, pin_pvv,"
                      + " wrong_pins) VALUES (?, ?, ?, ?, ?, ?, 0) ON CONFLICT(token) DO UPDATE SET"
                      + " account_token = excluded.account_token, expiry = excluded.expiry,"
                      + " pin_salt = excluded.pin_salt, pin_pvv = excluded.pin_pvv, wrong_pins"
                      + " = 0");
          ps.setString(1, cardToken);
          ps.setString(2, card.masked());
          ps.setString(3, accountToken);
          ps.setString(4, expiry.yymm());
          ps.setBytes(5, salt);
          ps.setBytes(6, pvv);
          ps.executeUpdate();
          return null;
        });
  }

  /** Whether {@code number} is an account of this ledger. */
  public boolean hasAccount(AccountNumber number) {
    Objects.requireNonNull(number, "number");
    String token = token(number);
    return inTransaction(c -> balanceOf(c, token)) != null;
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

  /**
   * Commits so far, the operations they carried, and the batches that ran again with a savepoint
   * per operation because one failed; for the benchmark's report and the tests.
   */
  public synchronized long[] commitStatistics() {
    return new long[] {batches, operations, retried};
  }

  /** Operations waiting for the writer now (not counting the batch it is running). */
  int queuedOperations() {
    return queue.size();
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
      tx.closeStatements();
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
    return await(applyAsync(t));
  }

  /**
   * As {@link #apply}, without blocking: the posting completes on the writer thread once it is
   * committed (keep what depends on it short, or move it to another thread).
   */
  CompletableFuture<Posting> applyAsync(Transfer t) {
    String fromToken = t.from() == null ? null : token(t.from());
    String toToken = token(t.to());
    return submit(
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
    return await(debitAsync(t, card, expiry, now, pin));
  }

  /** As {@link #debit}, without blocking; see {@link #applyAsync}. */
  CompletableFuture<Posting> debitAsync(
      Transfer t, CardNumber card, String expiry, YearMonth now, PinVerifier pin) {
    String cardToken = hsm.token("pan", card.value());
    String toToken = token(t.to());
    return submit(
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
    return await(reverseAsync(original));
  }

  /** As {@link #reverse}, without blocking; see {@link #applyAsync}. */
  CompletableFuture<Boolean> reverseAsync(Transfer original) {
    return submit(
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
          PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE movements SET status = ? "
                      + "WHERE terminal_id = ? AND stan = ? AND transmitted = ?");
          ps.setString(1, REVERSED);
          bindKey(ps, 2, original.key());
          ps.executeUpdate();
          return true;
        });
  }

  private Posting post(
      Tx c, Transfer t, String fromToken, String fromDisplay, String toToken, ResponseCode refusal)
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
          PreparedStatement ps =
              c.prepareStatement("SELECT COUNT(*) FROM movements WHERE status = ?");
          ps.setString(1, status);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
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

  private static CardRow card(Tx c, String token) throws SQLException {
    PreparedStatement ps =
        c.prepareStatement(
            "SELECT account_token, expiry, pin_salt, pin_pvv, wrong_pins FROM cards WHERE token"
                + " = ?");
    ps.setString(1, token);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return null;
      }
      return new CardRow(
          rs.getString(1), rs.getString(2), rs.getBytes(3), rs.getBytes(4), rs.getInt(5));
    }
  }

  private static void setWrongPins(Tx c, String token, int tries) throws SQLException {
    PreparedStatement ps = c.prepareStatement("UPDATE cards SET wrong_pins = ? WHERE token = ?");
    ps.setInt(1, tries);
    ps.setString(2, token);
    ps.executeUpdate();
  }

  private static String statusOf(Tx c, TransmissionKey key) throws SQLException {
    PreparedStatement ps =
        c.prepareStatement(
            "SELECT status FROM movements WHERE terminal_id = ? AND stan = ? AND transmitted ="
                + " ?");
    bindKey(ps, 1, key);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getString(1) : null;
    }
  }

  /** from token (null for a deposit), to token, amount. */
  private static String[] loggedTokens(Tx c, TransmissionKey key) throws SQLException {
    PreparedStatement ps =
        c.prepareStatement(
            "SELECT from_token, to_token, amount_yen FROM movements "
                + "WHERE terminal_id = ? AND stan = ? AND transmitted = ?");
    bindKey(ps, 1, key);
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return new String[] {rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))};
    }
  }

  private static Long balanceOf(Tx c, String token) throws SQLException {
    PreparedStatement ps = c.prepareStatement("SELECT balance_yen FROM accounts WHERE token = ?");
    ps.setString(1, token);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }

  private static void move(Tx c, String token, long deltaYen) throws SQLException {
    PreparedStatement ps =
        c.prepareStatement("UPDATE accounts SET balance_yen = balance_yen + ? WHERE token = ?");
    ps.setLong(1, deltaYen);
    ps.setString(2, token);
    ps.executeUpdate();
  }

  private long insertLog(
      Tx c,
      Transfer t,
      String fromToken,
      String fromDisplay,
      String toToken,
      String status,
      ResponseCode refusal)
      throws SQLException {
    PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO movements(terminal_id, stan, transmitted, kind, from_token, "
                + "from_display, to_token, amount_yen, status, response_code) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id");
    bindKey(ps, 1, t.key());
    ps.setString(4, t.kind().name());
    ps.setString(5, fromToken);
    ps.setString(6, fromDisplay);
    ps.setString(7, toToken);
    ps.setLong(8, t.amountYen());
    ps.setString(9, status);
    ps.setString(10, refusal == null ? null : refusal.code());
    try (ResultSet keys = ps.executeQuery()) {
      keys.next();
      return keys.getLong(1);
    }
  }

  private static void bindKey(PreparedStatement ps, int first, TransmissionKey key)
      throws SQLException {
    ps.setString(first, key.terminalId());
    ps.setString(first + 1, key.stan());
    ps.setString(first + 2, key.transmittedAt());
  }

  /** Work inside one transaction of a group commit; it may run more than once (see above). */
  private interface Work<T> {
    T run(Tx c) throws SQLException;
  }

  /** The writer's connection inside a transaction, with its statements prepared once. */
  private static final class Tx {
    private final Connection connection;
    private final Map<String, PreparedStatement> statements = new HashMap<>();

    Tx(Connection connection) {
      this.connection = connection;
    }

    /** {@code sql} prepared once and reused: set every parameter, close result sets only. */
    PreparedStatement prepareStatement(String sql) throws SQLException {
      PreparedStatement ps = statements.get(sql);
      if (ps == null) {
        ps = connection.prepareStatement(sql);
        statements.put(sql, ps);
      }
      return ps;
    }

    Statement createStatement() throws SQLException {
      return connection.createStatement();
    }

    void closeStatements() {
      for (PreparedStatement ps : statements.values()) {
        try {
          ps.close();
        } catch (SQLException e) {
          // closing the connection next releases it anyway
        }
      }
      statements.clear();
    }
  }

  private static final class Op<T> {
    final Work<T> work;
    final CompletableFuture<T> result = new CompletableFuture<>();
    T value;
    RuntimeException failure;

    Op(Work<T> work) {
      this.work = work;
    }

    /** Runs the work without a savepoint; false when it failed (the transaction is then dirty). */
    boolean runIn(Tx tx) {
      try {
        value = work.run(tx);
        failure = null;
        return true;
      } catch (SQLException | RuntimeException e) {
        value = null;
        failure =
            e instanceof RuntimeException r ? r : new LedgerException("ledger operation failed", e);
        return false;
      }
    }

    /** Runs the work inside its own savepoint, rolled back alone if it fails. */
    void runInSavepoint(Tx tx, Statement control, int n) throws SQLException {
      control.execute("SAVEPOINT op" + n);
      if (runIn(tx)) {
        control.execute("RELEASE op" + n);
      } else {
        control.execute("ROLLBACK TO op" + n);
        control.execute("RELEASE op" + n);
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
    return await(submit(work));
  }

  /** Queues {@code work} for the writer; completes once its batch is committed (or failed). */
  private <T> CompletableFuture<T> submit(Work<T> work) {
    if (closed) {
      return CompletableFuture.failedFuture(new LedgerException("ledger is closed", null));
    }
    Op<T> op = new Op<>(work);
    queue.add(op);
    return op.result;
  }

  private static <T> T await(CompletableFuture<T> result) {
    try {
      return result.get();
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

  /**
   * One transaction for the batch; results are handed out only after COMMIT returned. The batch
   * runs without savepoints; if an operation fails, everything is rolled back and the batch runs
   * again with a savepoint per operation, so only the failing one is undone.
   */
  private void commit(List<Op<?>> batch) {
    try (Statement s = connection.createStatement()) {
      s.execute("BEGIN IMMEDIATE");
      boolean allRan = true;
      try {
        for (Op<?> op : batch) {
          allRan &= op.runIn(tx);
        }
        if (!allRan) {
          s.execute("ROLLBACK");
          s.execute("BEGIN IMMEDIATE");
          for (int i = 0; i < batch.size(); i++) {
            batch.get(i).runInSavepoint(tx, s, i);
          }
        }
        s.execute("COMMIT");
      } catch (SQLException | RuntimeException e) {
        s.execute("ROLLBACK");
        throw e;
      }
      synchronized (this) {
        batches++;
        operations += batch.size();
        retried += allRan ? 0 : 1;
      }
      batch.forEach(Op::complete);
    } catch (SQLException | RuntimeException e) {
      LedgerException failure = new LedgerException("ledger commit failed", e);
      batch.forEach(op -> op.result.completeExceptionally(failure));
    }
  }
}
