package com.kippu.center.reservation.sqlite;

import com.kippu.center.db.Database;
import com.kippu.center.reservation.ReservationRepository;
import com.kippu.center.reservation.ReservationStore;
import java.sql.SQLException;
import java.util.function.Function;

/**
 * Reservations on the center's SQLite file. Writes go through the database's single writer, so a
 * read-check-write inside {@link #write} is atomic.
 */
public final class SqliteReservationRepository implements ReservationRepository {
  private final Database db;

  public SqliteReservationRepository(Database db) {
    this.db = db;
  }

  @Override
  public <T> T write(Function<ReservationStore, T> work) {
    return db.write(c -> run(work, new SqlReservationStore(c)));
  }

  @Override
  public <T> T read(Function<ReservationStore, T> work) {
    return db.read(c -> run(work, new SqlReservationStore(c)));
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
