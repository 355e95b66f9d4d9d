package com.kippu.center.db;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Brings the schema up to date from versioned SQL scripts on the classpath, recording each in
 * {@code schema_version}. Scripts live per dialect ({@code db/sqlite/...}) so a PostgreSQL set can
 * follow with the same version numbers.
 */
public final class Migrations {
  /** One versioned script; versions are applied in ascending order, each exactly once. */
  public record Migration(int version, String description, String resource) {}

  static final List<Migration> SQLITE =
      List.of(
          new Migration(
              1, "catalog and reservations", "db/sqlite/V1__catalog_and_reservations.sql"));

  private Migrations() {}

  /** Applies the pending SQLite migrations; returns the schema version now in force. */
  public static int migrateSqlite(Database database) {
    return database.write(connection -> migrate(connection, SQLITE));
  }

  static int migrate(Connection connection, List<Migration> migrations) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.executeUpdate(
          "CREATE TABLE IF NOT EXISTS schema_version ("
              + "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, "
              + "applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
    }
    int current = currentVersion(connection);
    for (Migration m : migrations) {
      if (m.version() <= current) {
        continue;
      }
      try (Statement st = connection.createStatement()) {
        for (String sql : statements(load(m.resource()))) {
          st.executeUpdate(sql);
        }
      }
      try (PreparedStatement ps =
          connection.prepareStatement(
              "INSERT INTO schema_version (version, description) VALUES (?, ?)")) {
        ps.setInt(1, m.version());
        ps.setString(2, m.description());
        ps.executeUpdate();
      }
      current = m.version();
    }
    return current;
  }

  private static int currentVersion(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement();
        ResultSet rs = st.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Splits a script on semicolons ending a line; scripts keep to that (no triggers). */
  static List<String> statements(String script) {
    StringBuilder cleaned = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (!trimmed.startsWith("--")) {
        cleaned.append(line).append('\n');
      }
    }
    return List.of(cleaned.toString().split(";\\s*\n")).stream()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String load(String resource) {
    try (InputStream in = Migrations.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("migration script missing: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read migration script " + resource, e);
    }
  }
}
