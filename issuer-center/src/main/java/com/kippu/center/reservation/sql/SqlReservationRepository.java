package com.kippu.center.reservation.sql;

import com.kippu.center.db.Database;
import com.kippu.center.db.Dialect;
import com.kippu.center.reservation.ReservationRepository;
import com.kippu.center.reservation.ReservationStore;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * Reservations on the center's database. On SQLite writes go through the single writer; on
 * PostgreSQL a write locks each reservation it reads ({@code FOR UPDATE}) and seat changes are
 * conditional, so a read-check-write inside {@link #write} is atomic on both.
 */
public final class SqlReservationRepository implements ReservationRepository {
  private final Database db;

  public SqlReservationRepository(Database db) {
    this.db = db;
  }

  @Override
  public <T> T write(Function<ReservationStore, T> work) {
    String lock = db.dialect().lockForUpdate();
    return db.write(c -> run(work, new SqlReservationStore(c, lock)));
  }

  @Override
  public <T> T read(Function<ReservationStore, T> work) {
    return db.read(c -> run(work, new SqlReservationStore(c, "")));
  }

  /**
   * Runs {@code work} on a store over {@code connection}, inside a transaction the caller runs, for
   * claim strategies that mix SQL of their own with the store's; SQL failures surface unwrapped so
   * the database can retry or roll back.
   */
  public static <T> T withStore(
      Connection connection, Dialect dialect, Function<ReservationStore, T> work)
      throws SQLException {
    return run(work, new SqlReservationStore(connection, dialect.lockForUpdate()));
  }

  private static <T> T run(Function<ReservationStore, T> work, SqlReservationStore store)
      throws SQLException {
    try {
      return work.apply(store);
    } catch (SqlReservationStore.WrappedSqlException e) {
      throw e.getCause(); // so the database rolls back and reports it as a store failure
    }
  }
}
