package com.kippu.center.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * The center's PostgreSQL database behind a HikariCP pool. Transactions run at READ COMMITTED:
 * concurrent writes are kept apart by row locks ({@code SELECT ... FOR UPDATE}) and conditional
 * UPDATEs whose row counts are checked; a write that loses a deadlock or a unique-key race is run
 * again from the start, up to {@value #ATTEMPTS} times.
 */
public final class PostgresDatabase implements Database {
  static final int ATTEMPTS = 3;

  private final HikariDataSource pool;

  private PostgresDatabase(HikariDataSource pool) {
    this.pool = pool;
  }

  /** Connects a pool of at most {@code poolSize} connections; fails fast if it cannot connect. */
  public static PostgresDatabase open(String url, String user, String password, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("center-postgres");
    config.setJdbcUrl(url);
    if (!user.isEmpty()) {
      config.setUsername(user);
    }
    if (!password.isEmpty()) {
      config.setPassword(password);
    }
    config.setMaximumPoolSize(poolSize);
    config.setAutoCommit(false);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    config.setConnectionTimeout(10_000);
    try {
      return new PostgresDatabase(new HikariDataSource(config));
    } catch (RuntimeException e) {
      throw new StoreException("cannot connect to " + url + ": " + e.getMessage(), e);
    }
  }

  @Override
  public Dialect dialect() {
    return Dialect.POSTGRESQL;
  }

  @Override
  public <T> T write(SqlWork<T> work) {
    for (int attempt = 1; ; attempt++) {
      try {
        return inTransaction(work);
      } catch (SQLException e) {
        if (attempt >= ATTEMPTS || !Dialect.POSTGRESQL.isRetryable(e)) {
          throw new StoreException("database operation failed: " + e.getMessage(), e);
        }
      }
    }
  }

  @Override
  public <T> T read(SqlWork<T> work) {
    try {
      return inTransaction(work);
    } catch (SQLException e) {
      throw new StoreException("database operation failed: " + e.getMessage(), e);
    }
  }

  private <T> T inTransaction(SqlWork<T> work) throws SQLException {
    Connection connection;
    try {
      connection = pool.getConnection();
    } catch (SQLException e) {
      throw new StoreException("no database connection: " + e.getMessage(), e);
    }
    try (connection) {
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException | Error e) {
        try {
          connection.rollback();
        } catch (SQLException rollbackFailure) {
          e.addSuppressed(rollbackFailure);
        }
        throw e;
      }
    }
  }

  /**
   * A connection of its own, outside the pool and in auto-commit, for state that lives as long as a
   * session does (advisory locks): closing it, or losing it, releases that state. The caller closes
   * it.
   */
  public Connection openSession() throws SQLException {
    java.util.Properties props = new java.util.Properties();
    if (pool.getUsername() != null) {
      props.setProperty("user", pool.getUsername());
    }
    if (pool.getPassword() != null) {
      props.setProperty("password", pool.getPassword());
    }
    Connection session = java.sql.DriverManager.getConnection(pool.getJdbcUrl(), props);
    session.setAutoCommit(true);
    return session;
  }

  @Override
  public <T> T withDataSource(Function<DataSource, T> work) {
    return work.apply(pool);
  }

  /**
   * HikariCP's own meters ({@code hikaricp_connections_active}, {@code _idle}, {@code _pending}).
   */
  @Override
  public void bindMetrics(MeterRegistry registry) {
    pool.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
  }

  @Override
  public void close() {
    pool.close();
  }
}
