package com.kippu.center.db;

import com.kippu.center.CenterConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The center's database, SQLite or PostgreSQL. Every unit of work runs in its own transaction,
 * committed when it returns and rolled back when it throws; writes see the latest committed state
 * and their conditional updates are the concurrency guard on either engine.
 */
public interface Database extends AutoCloseable {

  /** Opens the store the configuration names (PostgreSQL when it has a URL, else SQLite). */
  static Database open(CenterConfig.Store store) {
    if (store.isPostgres()) {
      return PostgresDatabase.open(
          store.postgresUrl(),
          store.postgresUser(),
          store.postgresPassword(),
          store.postgresPoolSize());
    }
    return SqliteDatabase.open(
        store.sqliteFile(), store.sqliteReaders(), store.sqliteBusyTimeout());
  }

  Dialect dialect();

  /** Runs {@code work} in a write transaction, committing on return. */
  <T> T write(SqlWork<T> work);

  /** Runs {@code work} in a transaction that only reads. */
  <T> T read(SqlWork<T> work);

  /**
   * Runs {@code work}, which opens its own connections and transactions (Flyway), on a data source
   * of this database. On SQLite that is the writer connection, no other write running meanwhile.
   */
  <T> T withDataSource(Function<DataSource, T> work);

  /** Publishes the connection pool's gauges (in use, idle, waiting) to {@code registry}. */
  void bindMetrics(MeterRegistry registry);

  @Override
  void close();
}
