package com.kippu.atm.bank;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.CashDepositRequest;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.ProcessingCode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Store-and-forward reversals in SQLite table {@code reversals}: a reversal is committed before its
 * 0420 leaves, and stays until the host confirms it with a 0430 carrying 00; pending rows survive
 * restarts. A row of a transfer holds the full from/to account numbers because fields 102 and 103
 * of the 0420 need them (a card authorization's row holds no card number: field 90 identifies it);
 * they are kept only while the reversal is pending and are erased (with SQLite secure_delete, so
 * the bytes are overwritten) as soon as it is confirmed. The confirmed row itself stays CONFIRMED
 * for {@link #CONFIRMED_RETENTION}, so that a restart that asks again to reverse the payment learns
 * it was reversed instead of finding nothing. Before a 0200 leaves, its reversal is stored ARMED: a
 * decline disarms (deletes) it, a timeout releases it to PENDING, and a process that died in
 * between finds it ARMED on {@link #open} and releases it, so a 0200 with unknown outcome is always
 * reversed. An approval turns it APPROVED: kept, never sent, until the flow settles the payment
 * (its ticket was issued: deleted) or has it reversed (PENDING), also after a restart; unsettled
 * approvals are deleted after {@link #APPROVED_RETENTION}.
 */
public final class ReversalQueue implements AutoCloseable {
  /** Stored for a 0200 in flight; not sent while this process runs. */
  private static final String ARMED = "ARMED";

  /** To be sent until confirmed. */
  private static final String PENDING = "PENDING";

  /** Approved; kept, not sent, until the flow settles the payment or has it reversed. */
  private static final String APPROVED = "APPROVED";

  /** Confirmed by the host; kept without account numbers so the reversal is never asked twice. */
  private static final String CONFIRMED = "CONFIRMED";

  /**
   * How long an approval nobody settled is kept for a reversal: far beyond any hold's expiry and
   * any outage a terminal comes back from; older ones are for the bank's reconciliation.
   */
  static final Duration APPROVED_RETENTION = Duration.ofDays(90);

  /**
   * How long a confirmed reversal is remembered: far beyond any outage after which recovery asks
   * again for a reversal whose outcome it had not journaled.
   */
  static final Duration CONFIRMED_RETENTION = Duration.ofDays(30);

  private static final String COLUMNS =
      "id, transaction_id, original_stan, original_transmitted, rrn, amount_yen, from_account, "
          + "to_account, attempts, stan, transmitted_at, original_mti, processing_code";

  private static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS reversals ("
          + "id INTEGER PRIMARY KEY AUTOINCREMENT, "
          + "state TEXT NOT NULL CHECK (state IN ('ARMED', 'PENDING', 'APPROVED', 'CONFIRMED')), "
          + "transaction_id TEXT NOT NULL, "
          + "original_stan TEXT NOT NULL, "
          + "original_transmitted TEXT NOT NULL, "
          + "rrn TEXT NOT NULL, "
          + "amount_yen INTEGER NOT NULL, "
          + "from_account TEXT, "
          + "to_account TEXT, "
          + "display TEXT NOT NULL, "
          + "queued_at TEXT NOT NULL, "
          + "attempts INTEGER NOT NULL DEFAULT 0, "
          + "stan TEXT, "
          + "transmitted_at TEXT, "
          + "last_attempt_at TEXT, "
          + "original_mti TEXT NOT NULL DEFAULT '0200', "
          + "processing_code TEXT NOT NULL DEFAULT '401000', "
          + "UNIQUE (original_stan, original_transmitted))";

  private final LinkStateDatabase db;

  private ReversalQueue(LinkStateDatabase db) {
    this.db = db;
  }

  /**
   * Opens (creating if needed) the queue in {@code file}, which may be the STAN counter's file.
   * Reversals left ARMED by a process that stopped while a 0200 was in flight become PENDING.
   */
  public static ReversalQueue open(Path file) {
    Objects.requireNonNull(file, "file");
    return init(LinkStateDatabase.open(file));
  }

  /** A queue that forgets its reversals on {@link #close()}; for links without a state file. */
  public static ReversalQueue inMemory() {
    return init(LinkStateDatabase.inMemory());
  }

  private static ReversalQueue init(LinkStateDatabase db) {
    try {
      db.inTransaction(
          tx -> {
            Connection c = tx.connection();
            try (Statement s = c.createStatement()) {
              migrate(c);
              s.executeUpdate(CREATE_TABLE);
              s.executeUpdate("UPDATE reversals SET state = 'PENDING' WHERE state = 'ARMED'");
            }
            PreparedStatement purge =
                tx.prepare("DELETE FROM reversals WHERE state = 'APPROVED' AND queued_at < ?");
            purge.setString(1, Instant.now().minus(APPROVED_RETENTION).toString());
            purge.executeUpdate();
            PreparedStatement forget =
                tx.prepare(
                    "DELETE FROM reversals WHERE state = 'CONFIRMED' AND last_attempt_at < ?");
            forget.setString(1, Instant.now().minus(CONFIRMED_RETENTION).toString());
            forget.executeUpdate();
            return null;
          });
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return new ReversalQueue(db);
  }

  /**
   * Older state files are rebuilt in place, rows kept: those written before card authorizations
   * existed have no MTI and processing code and NOT NULL accounts, and those written before
   * approvals or confirmed reversals were kept do not allow the APPROVED or CONFIRMED state.
   */
  private static void migrate(Connection c) throws SQLException {
    String table;
    try (Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'reversals'")) {
      table = rs.next() ? rs.getString(1) : null;
    }
    if (table == null || table.contains("'CONFIRMED'")) {
      return;
    }
    String columns =
        "id, state, transaction_id, original_stan, original_transmitted, rrn, amount_yen, "
            + "from_account, to_account, display, queued_at, attempts, stan, transmitted_at, "
            + "last_attempt_at"
            + (table.contains("processing_code") ? ", original_mti, processing_code" : "");
    try (Statement s = c.createStatement()) {
      s.executeUpdate("ALTER TABLE reversals RENAME TO reversals_old");
      s.executeUpdate(CREATE_TABLE);
      s.executeUpdate(
          "INSERT INTO reversals(" + columns + ") SELECT " + columns + " FROM reversals_old");
      s.executeUpdate("DROP TABLE reversals_old");
    }
  }

  /** Reversals stored and not yet confirmed by the host (0200s still in flight not counted). */
  public int pendingCount() {
    return db.inTransaction(
        tx -> {
          PreparedStatement ps = tx.prepare("SELECT COUNT(*) FROM reversals WHERE state = ?");
          ps.setString(1, PENDING);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  @Override
  public void close() {
    db.close();
  }

  /** Stores the reversal of a 0200 about to be sent, not to be sent unless {@link #release}d. */
  ReversalId arm(TransferRequest request, Transmission original, Instant now) {
    return insert(
        ARMED,
        Original.of(request),
        original.stan().value(),
        original.dateTime(),
        original.retrievalReference(),
        now);
  }

  /** A reversal stored ARMED together with the transmission its original will use. */
  record Armed(ReversalId id, Transmission transmission) {}

  /**
   * Takes the next transmission (STAN) from {@code next} and stores the reversal of the 0200 about
   * to be sent with it, in one transaction: one commit instead of two on the hot path (the STAN
   * counter shares this file's transaction when it lives in the same file).
   */
  Armed armNext(TransferRequest request, Supplier<Transmission> next, Instant now) {
    return armNext(Original.of(request), next, now);
  }

  /** As {@link #armNext(TransferRequest, Supplier, Instant)} for a 0100. */
  Armed armNext(AuthorizationRequest request, Supplier<Transmission> next, Instant now) {
    return armNext(Original.of(request), next, now);
  }

  /**
   * As {@link #armNext(TransferRequest, Supplier, Instant)}, without waiting: completes on the link
   * state's writer thread once committed (see {@link LinkStateDatabase#inTransactionAsync}).
   */
  CompletableFuture<Armed> armNextAsync(
      TransferRequest request, Supplier<Transmission> next, Instant now) {
    return armNextAsync(Original.of(request), next, now);
  }

  /** As {@link #armNextAsync(TransferRequest, Supplier, Instant)} for a 0100. */
  CompletableFuture<Armed> armNextAsync(
      AuthorizationRequest request, Supplier<Transmission> next, Instant now) {
    return armNextAsync(Original.of(request), next, now);
  }

  /** As {@link #armNextAsync(TransferRequest, Supplier, Instant)} for a cash deposit's 0200. */
  CompletableFuture<Armed> armNextAsync(
      CashDepositRequest request, Supplier<Transmission> next, Instant now) {
    return armNextAsync(Original.of(request), next, now);
  }

  private Armed armNext(Original original, Supplier<Transmission> next, Instant now) {
    return db.inTransaction(armWork(original, next, now));
  }

  private CompletableFuture<Armed> armNextAsync(
      Original original, Supplier<Transmission> next, Instant now) {
    return db.inTransactionAsync(armWork(original, next, now));
  }

  private static LinkStateDatabase.Work<Armed> armWork(
      Original original, Supplier<Transmission> next, Instant now) {
    return (tx -> {
      Transmission t = next.get();
      ReversalId id =
          insertIn(
              tx, ARMED, original, t.stan().value(), t.dateTime(), t.retrievalReference(), now);
      return new Armed(id, t);
    });
  }

  /** Stores the reversal of a 0100 about to be sent; as {@link #arm(TransferRequest, ...)}. */
  ReversalId arm(AuthorizationRequest request, Transmission original, Instant now) {
    return insert(
        ARMED,
        Original.of(request),
        original.stan().value(),
        original.dateTime(),
        original.retrievalReference(),
        now);
  }

  /** The 0200 was answered: its armed reversal is not needed. */
  void disarm(ReversalId id) {
    db.inTransaction(disarmWork(id));
  }

  /** As {@link #disarm}, without waiting: completes on the writer thread once committed. */
  CompletableFuture<Void> disarmAsync(ReversalId id) {
    return db.inTransactionAsync(disarmWork(id));
  }

  private static LinkStateDatabase.Work<Void> disarmWork(ReversalId id) {
    return tx -> {
      PreparedStatement ps = tx.prepare("DELETE FROM reversals WHERE id = ? AND state = ?");
      ps.setLong(1, id.value());
      ps.setString(2, ARMED);
      ps.executeUpdate();
      return null;
    };
  }

  /**
   * The request was approved: its reversal is kept APPROVED, not sent, until the flow settles the
   * payment or has it reversed. Completes on the writer thread once committed.
   */
  CompletableFuture<Void> keepApprovedAsync(ReversalId id) {
    return db.inTransactionAsync(
        tx -> {
          PreparedStatement ps =
              tx.prepare("UPDATE reversals SET state = ? WHERE id = ? AND state = ?");
          ps.setString(1, APPROVED);
          ps.setLong(2, id.value());
          ps.setString(3, ARMED);
          ps.executeUpdate();
          return null;
        });
  }

  /**
   * The approved payment {@code transactionId} stands: what its reversal needed is deleted. Not
   * waited for; a restart before the commit only keeps the row until the flow settles it again or
   * the retention ends.
   */
  CompletableFuture<Void> settleAsync(String transactionId) {
    return db.inTransactionAsync(
        tx -> {
          PreparedStatement ps =
              tx.prepare("DELETE FROM reversals WHERE transaction_id = ? AND state = ?");
          ps.setString(1, transactionId);
          ps.setString(2, APPROVED);
          ps.executeUpdate();
          return null;
        });
  }

  /**
   * Turns the kept approval of {@code transactionId} into a pending reversal; a reversal of it
   * already pending or confirmed is returned as it is (a confirmed one is not sent again: {@link
   * #beginAttempt} finds nothing pending).
   *
   * @return empty when nothing of {@code transactionId} is kept, pending or confirmed
   */
  Optional<ReversalId> releaseApproved(String transactionId) {
    return db.inTransaction(
        tx -> {
          PreparedStatement update =
              tx.prepare(
                  "UPDATE reversals SET state = ? WHERE transaction_id = ? AND state = ? "
                      + "RETURNING id");
          update.setString(1, PENDING);
          update.setString(2, transactionId);
          update.setString(3, APPROVED);
          Optional<ReversalId> released = firstId(update);
          if (released.isPresent()) {
            return released;
          }
          PreparedStatement earlier =
              tx.prepare(
                  "SELECT id FROM reversals WHERE transaction_id = ? AND state IN (?, ?) "
                      + "ORDER BY id DESC");
          earlier.setString(1, transactionId);
          earlier.setString(2, PENDING);
          earlier.setString(3, CONFIRMED);
          return firstId(earlier);
        });
  }

  private static Optional<ReversalId> firstId(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.of(new ReversalId(rs.getLong(1))) : Optional.empty();
    }
  }

  /** The 0200's outcome is unknown: its reversal is now to be sent until confirmed. */
  void release(ReversalId id) {
    db.inTransaction(
        tx -> {
          PreparedStatement ps = tx.prepare("UPDATE reversals SET state = ? WHERE id = ?");
          ps.setString(1, PENDING);
          ps.setLong(2, id.value());
          ps.executeUpdate();
          return null;
        });
  }

  /**
   * Queues the reversal of the 0200 sent with {@code originalStan} at {@code originalDateTime}
   * (field 7); when it is already queued, returns the queued one.
   */
  ReversalId enqueue(
      TransferRequest original,
      String originalStan,
      String originalDateTime,
      String rrn,
      Instant now) {
    return insert(PENDING, Original.of(original), originalStan, originalDateTime, rrn, now);
  }

  /** Queues the reversal of an approved 0100; as {@link #enqueue(TransferRequest, ...)}. */
  ReversalId enqueue(
      AuthorizationRequest original,
      String originalStan,
      String originalDateTime,
      String rrn,
      Instant now) {
    return insert(PENDING, Original.of(original), originalStan, originalDateTime, rrn, now);
  }

  /** What a reversal needs of its original request, whatever kind it was. */
  private record Original(
      String transactionId,
      String mti,
      String processingCode,
      Money amount,
      AccountNumber from,
      AccountNumber to,
      String display) {
    static Original of(TransferRequest r) {
      return new Original(
          r.transactionId(),
          Mti.FINANCIAL_REQUEST,
          ProcessingCode.ACCOUNT_TRANSFER,
          r.amount(),
          r.from(),
          r.to(),
          r.from().masked() + " -> " + r.to().masked());
    }

    /** A deposit's 0420 names only the credited account (103): the cash came from no account. */
    static Original of(CashDepositRequest r) {
      return new Original(
          r.transactionId(),
          Mti.FINANCIAL_REQUEST,
          ProcessingCode.CASH_DEPOSIT,
          r.amount(),
          null,
          r.to(),
          "cash -> " + r.to().masked());
    }

    static Original of(AuthorizationRequest r) {
      return new Original(
          r.transactionId(),
          Mti.AUTHORIZATION_REQUEST,
          BankMessages.processingCode(r.kind()),
          r.amount(),
          null,
          r.payee(),
          r.kind() + " " + r.card().masked());
    }
  }

  /** Pending reversals, oldest first. */
  List<ReversalId> pendingIds() {
    return db.inTransaction(
        tx -> {
          List<ReversalId> ids = new ArrayList<>();
          PreparedStatement ps = tx.prepare("SELECT id FROM reversals WHERE state = ? ORDER BY id");
          ps.setString(1, PENDING);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ids.add(new ReversalId(rs.getLong(1)));
            }
          }
          return ids;
        });
  }

  /**
   * Records that an attempt is about to be sent (so a restart repeats it as 0421) and returns the
   * reversal to send; empty when it is no longer pending (confirmed meanwhile). The first attempt
   * takes its transmission (STAN, field 7) from {@code first}; repeats reuse it. Callers must not
   * hold a transaction on another connection to the file: {@code first} may write the STAN.
   */
  Optional<PendingReversal> beginAttempt(ReversalId id, Supplier<Transmission> first, Instant now) {
    Optional<PendingReversal> current = find(id);
    if (current.isEmpty()) {
      return current;
    }
    Transmission fresh = current.get().stan() == null ? first.get() : null;
    return db.inTransaction(
        tx -> {
          PreparedStatement ps =
              tx.prepare(
                  "UPDATE reversals SET stan = COALESCE(stan, ?), "
                      + "transmitted_at = COALESCE(transmitted_at, ?), "
                      + "attempts = attempts + 1, last_attempt_at = ? "
                      + "WHERE id = ? AND state = ?");
          ps.setString(1, fresh == null ? null : fresh.stan().value());
          ps.setString(2, fresh == null ? null : fresh.at().toString());
          ps.setString(3, now.toString());
          ps.setLong(4, id.value());
          ps.setString(5, PENDING);
          if (ps.executeUpdate() == 0) {
            return Optional.empty();
          }
          return select(tx, id, PENDING);
        });
  }

  /**
   * The host confirmed: the row turns CONFIRMED at {@code now} and its full account numbers are
   * erased.
   *
   * @return false when {@code id} was not pending
   */
  boolean confirm(ReversalId id, Instant now) {
    return db.inTransaction(
        tx -> {
          PreparedStatement ps =
              tx.prepare(
                  "UPDATE reversals SET state = ?, from_account = NULL, to_account = NULL, "
                      + "last_attempt_at = ? WHERE id = ? AND state = ?");
          ps.setString(1, CONFIRMED);
          ps.setString(2, now.toString());
          ps.setLong(3, id.value());
          ps.setString(4, PENDING);
          return ps.executeUpdate() > 0;
        });
  }

  /** The pending reversal {@code id}, if it is still pending. */
  Optional<PendingReversal> find(ReversalId id) {
    return db.inTransaction(tx -> select(tx, id, PENDING));
  }

  private ReversalId insert(
      String state,
      Original request,
      String originalStan,
      String originalDateTime,
      String rrn,
      Instant now) {
    Objects.requireNonNull(request, "request");
    return db.inTransaction(
        tx -> insertIn(tx, state, request, originalStan, originalDateTime, rrn, now));
  }

  private static ReversalId insertIn(
      LinkStateDatabase.Tx tx,
      String state,
      Original request,
      String originalStan,
      String originalDateTime,
      String rrn,
      Instant now)
      throws SQLException {
    // Arming a second time for one 0200 would mean a repeated STAN: fail before it is sent.
    // Queuing a reversal twice is normal (the caller repeats reverse()): the queued one stands,
    // and one already confirmed stays confirmed (it is not sent again).
    // RETURNING gives the id of the row inserted, or of the queued one the upsert updated.
    String onConflict =
        ARMED.equals(state)
            ? ""
            : " ON CONFLICT (original_stan, original_transmitted) DO UPDATE SET state = "
                + "CASE WHEN state = 'CONFIRMED' THEN 'CONFIRMED' ELSE 'PENDING' END";
    PreparedStatement ps =
        tx.prepare(
            "INSERT INTO reversals(state, transaction_id, original_stan, "
                + "original_transmitted, rrn, amount_yen, from_account, to_account, "
                + "display, queued_at, original_mti, processing_code) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                + onConflict
                + " RETURNING id");
    ps.setString(1, state);
    ps.setString(2, request.transactionId());
    ps.setString(3, originalStan);
    ps.setString(4, originalDateTime);
    ps.setString(5, rrn);
    ps.setLong(6, request.amount().yen());
    ps.setString(7, request.from() == null ? null : request.from().value());
    ps.setString(8, request.to() == null ? null : request.to().value());
    ps.setString(9, request.display());
    ps.setString(10, now.toString());
    ps.setString(11, request.mti());
    ps.setString(12, request.processingCode());
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new SQLException("reversal row not stored");
      }
      return new ReversalId(rs.getLong(1));
    }
  }

  private static Optional<PendingReversal> select(
      LinkStateDatabase.Tx tx, ReversalId id, String state) throws SQLException {
    PreparedStatement ps =
        tx.prepare("SELECT " + COLUMNS + " FROM reversals WHERE id = ? AND state = ?");
    ps.setLong(1, id.value());
    ps.setString(2, state);
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return Optional.empty();
      }
      String stan = rs.getString(10);
      String transmittedAt = rs.getString(11);
      String from = rs.getString(7);
      String to = rs.getString(8);
      return Optional.of(
          new PendingReversal(
              new ReversalId(rs.getLong(1)),
              rs.getString(2),
              new Stan(rs.getString(3)),
              rs.getString(4),
              rs.getString(5),
              Money.yen(rs.getLong(6)),
              from == null ? null : new AccountNumber(from),
              to == null ? null : new AccountNumber(to),
              rs.getInt(9),
              stan == null ? null : new Stan(stan),
              transmittedAt == null ? null : Instant.parse(transmittedAt),
              rs.getString(12),
              rs.getString(13)));
    }
  }
}
