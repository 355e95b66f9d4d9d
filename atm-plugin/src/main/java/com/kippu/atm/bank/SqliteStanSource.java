package com.kippu.atm.bank;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * STANs (field 11) from a counter persisted in SQLite table {@code stan_counter}: every STAN is
 * committed to disk before it is handed out, so a restart never hands one out again. The counter
 * never resets: it continues across days and restarts, wrapping 999999 to 000001, and {@link
 * #next()} refuses to hand out more than 999,999 STANs on one UTC day (the day of field 7), so no
 * STAN repeats within a day. Safe for concurrent callers, also across connections to the file.
 */
public final class SqliteStanSource implements StanSource, AutoCloseable {
  private static final int MAX = 999_999;

  private final LinkStateDatabase db;
  private final Clock clock;

  private SqliteStanSource(LinkStateDatabase db, Clock clock) {
    this.db = db;
    this.clock = clock;
  }

  /** Opens (creating if needed) the counter in {@code file}; the first STAN of a new file is 1. */
  public static SqliteStanSource open(Path file, Clock clock) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(clock, "clock");
    LinkStateDatabase db = LinkStateDatabase.open(file);
    try {
      db.inTransaction(
          tx -> {
            try (Statement s = tx.connection().createStatement()) {
              s.executeUpdate(
                  "CREATE TABLE IF NOT EXISTS stan_counter ("
                      + "id INTEGER PRIMARY KEY CHECK (id = 1), "
                      + "last_stan INTEGER NOT NULL CHECK (last_stan BETWEEN 0 AND 999999), "
                      + "utc_day TEXT NOT NULL, "
                      + "issued_on_day INTEGER NOT NULL)");
              s.executeUpdate(
                  "INSERT OR IGNORE INTO stan_counter(id, last_stan, utc_day, issued_on_day) "
                      + "VALUES (1, 0, '', 0)");
            }
            return null;
          });
    } catch (RuntimeException e) {
      db.close();
      throw e;
    }
    return new SqliteStanSource(db, clock);
  }

  /**
   * The next STAN, committed before it is returned.
   *
   * @throws IllegalStateException when 999,999 STANs were already handed out today (UTC)
   * @throws LinkStateException when the file cannot be written
   */
  @Override
  public Stan next() {
    String today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString();
    int stan =
        db.inTransaction(
            tx -> {
              int last;
              String day;
              long issued;
              PreparedStatement read =
                  tx.prepare(
                      "SELECT last_stan, utc_day, issued_on_day FROM stan_counter WHERE id = 1");
              try (ResultSet rs = read.executeQuery()) {
                rs.next();
                last = rs.getInt(1);
                day = rs.getString(2);
                issued = rs.getLong(3);
              }
              if (!today.equals(day)) {
                issued = 0;
              }
              if (issued >= MAX) {
                // One more would repeat a STAN of today: the host would refuse it as a duplicate.
                throw new IllegalStateException("all 999,999 STANs of " + today + " are used");
              }
              int next = last >= MAX ? 1 : last + 1;
              PreparedStatement ps =
                  tx.prepare(
                      "UPDATE stan_counter SET last_stan = ?, utc_day = ?, issued_on_day = ? "
                          + "WHERE id = 1");
              ps.setInt(1, next);
              ps.setString(2, today);
              ps.setLong(3, issued + 1);
              ps.executeUpdate();
              return next;
            });
    return Stan.of(stan);
  }

  @Override
  public void close() {
    db.close();
  }
}
