package com.kippu.simulator.bank;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.store.GroupCommitWriter;
import com.kippu.atm.store.GroupCommitWriter.Tx;
import com.kippu.iso8583.ResponseCode;
import com.kippu.iso8583.security.SoftwareHsm;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.sqlite.SQLiteConfig;

/**
 * The simulated bank's books in SQLite: balances, debit and cash cards and a log of every money
 * movement. Card and account numbers are stored only as keyed tokens (HMAC under the host module's
 * key) and masked display forms; PINs only as salted verification values ({@link CardPins}).
 *
 * <p>Every operation goes through one {@link GroupCommitWriter}: it is atomic and durable (WAL,
 * synchronous=FULL) before its answer leaves, one fsync serves a whole batch of operations, and an
 * operation that fails is rolled back alone (operations keep their effects in the database, so
 * running one again is safe). A transmission key (41, 11, 7) is applied at most once; the UNIQUE
 * constraint is the last line of defence.
 */
public final class Ledger implements AutoCloseable {
  /** Log row states: APPLIED moved money; REVERSED moved it and moved it back; VOIDED never did. */
  private static final String APPLIED = "APPLIED";

  private static final String DECLINED = "DECLINED";
  private static final String REVERSED = "REVERSED";
  private static final String VOIDED = "VOIDED";

  private static final int MAX_BATCH = 256;

  private final GroupCommitWriter writer;
  private final SoftwareHsm hsm;

  private Ledger(GroupCommitWriter writer, SoftwareHsm hsm) {
    this.writer = writer;
    this.hsm = hsm;
  }

  /** Opens (creating if needed) the ledger in {@code file}, tokens under {@code hsm}'s key. */
  public static Ledger open(Path file, SoftwareHsm hsm) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(hsm, "hsm");
    SQLiteConfig config = GroupCommitWriter.durableConfig();
    // Deleted or overwritten rows are zeroed, not merely unlinked.
    config.setPragma(SQLiteConfig.Pragma.SECURE_DELETE, "true");
    GroupCommitWriter writer =
        GroupCommitWriter.open(
            "jdbc:sqlite:" + file.toAbsolutePath(),
            config,
            new GroupCommitWriter.Settings(
                "ledger-writer-" + file.getFileName(), MAX_BATCH, "ledger", LedgerException::new));
    Ledger ledger = new Ledger(writer, hsm);
    try {
      ledger.createSchema();
    } catch (RuntimeException e) {
      writer.close();
      throw e;
    }
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
    writer.inTransaction(
        c -> {
          PreparedStatement ps =
              c.prepare(
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
    writer.inTransaction(
        c -> {
          PreparedStatement ps =
              c.prepare(
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

  /**
   * Issues (or re-issues) the cash card {@code card} of {@code account}: stores the card's token
   * and a salted PIN verification value, its wrong PIN count back at zero; the caller wipes {@code
   * pin}. An account transfer moves money from {@code account} only with this card and its PIN.
   */
  public void issueCashCard(CardNumber card, AccountNumber account, char[] pin) {
    Objects.requireNonNull(card, "card");
    Objects.requireNonNull(account, "account");
    byte[] salt = hsm.newSalt();
    byte[] pvv = hsm.pinVerificationValue(card.value(), pin, salt);
    String cardToken = hsm.token("pan", card.value());
    String accountToken = token(account);
    writer.inTransaction(
        c -> {
          PreparedStatement ps =
              c.prepare(
                  "INSERT INTO cash_cards(token, display, account_token, pin_salt, pin_pvv,"
                      + " wrong_pins) VALUES (?, ?, ?, ?, ?, 0) ON CONFLICT(token) DO UPDATE SET"
                      + " account_token = excluded.account_token, pin_salt = excluded.pin_salt,"
                      + " pin_pvv = excluded.pin_pvv, wrong_pins = 0");
          ps.setString(1, cardToken);
          ps.setString(2, card.masked());
          ps.setString(3, accountToken);
          ps.setBytes(4, salt);
          ps.setBytes(5, pvv);
          ps.executeUpdate();
          return null;
        });
  }

  /** Whether {@code card} is a cash card this bank issued. */
  public boolean hasCashCard(CardNumber card) {
    Objects.requireNonNull(card, "card");
    String cardToken = hsm.token("pan", card.value());
    return writer.inTransaction(c -> CardPins.find(c, CardPins.Table.CASH, cardToken)) != null;
  }

  /** Whether {@code number} is an account of this ledger. */
  public boolean hasAccount(AccountNumber number) {
    Objects.requireNonNull(number, "number");
    String token = token(number);
    return writer.inTransaction(c -> balanceOf(c, token)) != null;
  }

  /**
   * The current balance in yen.
   *
   * @throws IllegalArgumentException when the account does not exist
   */
  public long balance(AccountNumber number) {
    Objects.requireNonNull(number, "number");
    String token = token(number);
    Long balance = writer.inTransaction(c -> balanceOf(c, token));
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
    return writer.inTransaction(
        c -> {
          try (Statement s = c.connection().createStatement();
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
  public long[] commitStatistics() {
    GroupCommitWriter.Statistics s = writer.statistics();
    return new long[] {s.commits(), s.calls(), s.retried()};
  }

  /** Operations waiting for the writer now (not counting the batch it is running). */
  int queuedOperations() {
    return writer.queued();
  }

  /** Commits what was submitted before, then closes the database; idempotent. */
  @Override
  public void close() {
    writer.close();
  }

  /**
   * Applies a cash deposit unless its key was seen (94) or the account is unknown (14).
   *
   * @throws IllegalArgumentException for an account transfer: it needs its cash card and PIN
   *     ({@link #transfer})
   */
  Posting deposit(Transfer t) {
    return writer.await(depositAsync(t));
  }

  /**
   * As {@link #deposit}, without blocking: the posting completes on the writer thread once it is
   * committed (keep what depends on it short, or move it to another thread).
   */
  CompletableFuture<Posting> depositAsync(Transfer t) {
    if (t.kind() != Transfer.Kind.DEPOSIT) {
      throw new IllegalArgumentException(t.kind() + " is not a cash deposit");
    }
    String toToken = token(t.to());
    return writer.inTransactionAsync(
        c -> {
          if (statusOf(c, t.key()) != null) {
            return Posting.declined(ResponseCode.DUPLICATE_TRANSMISSION);
          }
          ResponseCode refusal =
              balanceOf(c, toToken) == null ? ResponseCode.INVALID_ACCOUNT : null;
          return post(c, t, null, display(null), toToken, refusal);
        });
  }

  /**
   * An account transfer proved by the PIN of a cash card of the from-account: duplicate (94), to or
   * from account unknown or {@code card} not a cash card of the from-account (14), blocked card
   * (75), wrong PIN (55, or 75 on the third in a row; the count is committed though nothing moves),
   * insufficient funds (51), else money moves from → to.
   */
  Posting transfer(Transfer t, CardNumber card, CardPins.PinVerifier pin) {
    return writer.await(transferAsync(t, card, pin));
  }

  /** As {@link #transfer}, without blocking; see {@link #depositAsync}. */
  CompletableFuture<Posting> transferAsync(Transfer t, CardNumber card, CardPins.PinVerifier pin) {
    if (t.kind() != Transfer.Kind.TRANSFER) {
      throw new IllegalArgumentException(t.kind() + " is not an account transfer");
    }
    String cardToken = hsm.token("pan", card.value());
    String fromToken = token(t.from());
    String toToken = token(t.to());
    return writer.inTransactionAsync(
        c -> {
          if (statusOf(c, t.key()) != null) {
            return Posting.declined(ResponseCode.DUPLICATE_TRANSMISSION);
          }
          CardPins.Card row = CardPins.find(c, CardPins.Table.CASH, cardToken);
          Long fromBalance = balanceOf(c, fromToken);
          ResponseCode refusal = null;
          if (row == null
              || !row.accountToken().equals(fromToken)
              || fromBalance == null
              || balanceOf(c, toToken) == null) {
            refusal = ResponseCode.INVALID_ACCOUNT;
          } else {
            refusal = CardPins.check(c, CardPins.Table.CASH, cardToken, row, pin);
            if (refusal == null && fromBalance < t.amountYen()) {
              refusal = ResponseCode.INSUFFICIENT_FUNDS;
            }
          }
          return post(c, t, fromToken, t.from().masked(), toToken, refusal);
        });
  }

  /**
   * A debit with PIN: duplicate (94), unknown card or payee (14), expired or wrong expiry (54),
   * blocked card (75), wrong PIN (55, or 75 on the third in a row; the count is committed even
   * though nothing moves), insufficient funds (51), else money moves card account → payee.
   */
  Posting debit(
      Transfer t, CardNumber card, String expiry, YearMonth now, CardPins.PinVerifier pin) {
    return writer.await(debitAsync(t, card, expiry, now, pin));
  }

  /** As {@link #debit}, without blocking; see {@link #depositAsync}. */
  CompletableFuture<Posting> debitAsync(
      Transfer t, CardNumber card, String expiry, YearMonth now, CardPins.PinVerifier pin) {
    String cardToken = hsm.token("pan", card.value());
    String toToken = token(t.to());
    return writer.inTransactionAsync(
        c -> {
          if (statusOf(c, t.key()) != null) {
            return Posting.declined(ResponseCode.DUPLICATE_TRANSMISSION);
          }
          CardPins.Card row = CardPins.find(c, CardPins.Table.DEBIT, cardToken);
          Long toBalance = balanceOf(c, toToken);
          ResponseCode refusal = null;
          if (row == null || toBalance == null) {
            refusal = ResponseCode.INVALID_ACCOUNT;
          } else if (!row.expiry().equals(expiry) || expired(row.expiry(), now)) {
            refusal = ResponseCode.EXPIRED_CARD;
          } else {
            refusal = CardPins.check(c, CardPins.Table.DEBIT, cardToken, row, pin);
            if (refusal == null) {
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
    return writer.await(reverseAsync(original));
  }

  /** As {@link #reverse}, without blocking; see {@link #depositAsync}. */
  CompletableFuture<Boolean> reverseAsync(Transfer original) {
    return writer.inTransactionAsync(
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
              c.prepare(
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
    return writer.inTransaction(
        c -> {
          PreparedStatement ps = c.prepare("SELECT COUNT(*) FROM movements WHERE status = ?");
          ps.setString(1, status);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }

  private void createSchema() {
    writer.inTransaction(
        c -> {
          try (Statement s = c.connection().createStatement()) {
            s.executeUpdate(
                "CREATE TABLE IF NOT EXISTS accounts (token TEXT PRIMARY KEY, "
                    + "display TEXT NOT NULL, holder TEXT NOT NULL, balance_yen INTEGER NOT NULL)");
            s.executeUpdate(
                "CREATE TABLE IF NOT EXISTS cards (token TEXT PRIMARY KEY, display TEXT NOT NULL, "
                    + "account_token TEXT NOT NULL, expiry TEXT NOT NULL, pin_salt BLOB NOT NULL, "
                    + "pin_pvv BLOB NOT NULL, wrong_pins INTEGER NOT NULL)");
            s.executeUpdate(CardPins.createCashCards());
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

  private static String statusOf(Tx c, TransmissionKey key) throws SQLException {
    PreparedStatement ps =
        c.prepare(
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
        c.prepare(
            "SELECT from_token, to_token, amount_yen FROM movements "
                + "WHERE terminal_id = ? AND stan = ? AND transmitted = ?");
    bindKey(ps, 1, key);
    try (ResultSet rs = ps.executeQuery()) {
      rs.next();
      return new String[] {rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))};
    }
  }

  private static Long balanceOf(Tx c, String token) throws SQLException {
    PreparedStatement ps = c.prepare("SELECT balance_yen FROM accounts WHERE token = ?");
    ps.setString(1, token);
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? rs.getLong(1) : null;
    }
  }

  private static void move(Tx c, String token, long deltaYen) throws SQLException {
    PreparedStatement ps =
        c.prepare("UPDATE accounts SET balance_yen = balance_yen + ? WHERE token = ?");
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
        c.prepare(
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
}
