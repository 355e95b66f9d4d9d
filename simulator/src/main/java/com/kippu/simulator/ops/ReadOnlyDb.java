package com.kippu.simulator.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import org.sqlite.SQLiteConfig;

/** Opens a branch's SQLite files read-only, so an operator's report never changes what it reads. */
final class ReadOnlyDb {
  private ReadOnlyDb() {}

  /** A read-only connection to {@code file}, or empty when the branch has no such file. */
  static Optional<Connection> open(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(10_000);
    try {
      return Optional.of(config.createConnection("jdbc:sqlite:" + file.toAbsolutePath()));
    } catch (SQLException e) {
      throw new IllegalStateException(file.getFileName() + " could not be opened", e);
    }
  }

  /** Whether {@code table} exists in {@code c}. */
  static boolean hasTable(Connection c, String table) throws SQLException {
    try (var ps =
        c.prepareStatement("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?")) {
      ps.setString(1, table);
      try (var rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }
}
