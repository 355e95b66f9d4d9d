package com.kippu.center.db;

import java.sql.SQLException;

/**
 * What differs between the two SQL engines the center runs on: where its migrations live, how a
 * write locks the rows it reads, and which failures mean "a concurrent transaction got in the way,
 * run again" rather than a bug.
 */
public enum Dialect {
  SQLITE("db/sqlite", "", "CAST(s.row_label AS INTEGER)"),
  POSTGRESQL(
      "db/postgresql",
      " FOR UPDATE",
      "CASE WHEN s.row_label ~ '^[0-9]{1,9}$' THEN CAST(s.row_label AS INTEGER) ELSE 0 END");

  private final String migrationFolder;
  private final String lockForUpdate;
  private final String numericRowLabel;

  Dialect(String migrationFolder, String lockForUpdate, String numericRowLabel) {
    this.migrationFolder = migrationFolder;
    this.lockForUpdate = lockForUpdate;
    this.numericRowLabel = numericRowLabel;
  }

  /** Classpath folder of this engine's {@code V<n>__<name>.sql} scripts. */
  public String migrationFolder() {
    return migrationFolder;
  }

  /**
   * Suffix for a SELECT inside a write that must lock what it reads: {@code FOR UPDATE} on
   * PostgreSQL, nothing on SQLite where the writer already holds the database lock.
   */
  public String lockForUpdate() {
    return lockForUpdate;
  }

  /** Expression ordering {@code s.row_label} numerically (non-numeric labels as 0). */
  public String numericRowLabel() {
    return numericRowLabel;
  }

  /**
   * True for a failure that rerunning the whole transaction may cure: a serialization failure, a
   * deadlock, or a unique key taken by a concurrent transaction (its rerun sees the winner's row).
   */
  public boolean isRetryable(SQLException e) {
    if (this != POSTGRESQL) {
      return false; // one in-process writer: SQLite writes never race each other
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException sql && sql.getSQLState() != null) {
        switch (sql.getSQLState()) {
          case "40001", "40P01", "23505":
            return true;
          default:
            break;
        }
      }
    }
    return false;
  }
}
