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
 * {@code schema_version}. Each engine has its own folder ({@code db/sqlite}, {@code db/postgresql})
 * holding the same versions; on PostgreSQL an advisory lock keeps two centers starting at once from
 * migrating together.
 */
public final class Migrations {
  /** One versioned script; versions are applied in ascending order, each exactly once. */
  public record Migration(int version, String description, String script) {
    String resource(Dialect dialect) {
      return dialect.migrationFolder() + "/" + script;
    }
  }

  static final List<Migration> ALL =
      List.of(
          new Migration(1, "catalog and reservations", "V1__catalog_and_reservations.sql"),
          new Migration(2, "terminals", "V2__terminals.sql"),
          new Migration(3, "issuer accounts and products", "V3__issuer_accounts_and_products.sql"),
          new Migration(4, "payment reference unique", "V4__payment_reference_unique.sql"),
          new Migration(5, "verification", "V5__verification.sql"),
          new Migration(6, "registered users", "V6__registered_users.sql"),
          new Migration(7, "cards", "V7__cards.sql"),
          new Migration(8, "outbox", "V8__outbox.sql"),
          new Migration(9, "payment proofs", "V9__payment_proofs.sql"),
          new Migration(10, "terminal roles", "V10__terminal_roles.sql"),
          new Migration(11, "bank account changes", "V11__bank_account_changes.sql"),
          new Migration(12, "commuter passes", "V12__commuter_passes.sql"),
          new Migration(
              13, "card possession and PIN keys", "V13__card_possession_and_pin_keys.sql"),
          new Migration(14, "home pc", "V14__home_pc.sql"),
          new Migration(15, "card applications", "V15__card_applications.sql"),
          new Migration(16, "request nonces", "V16__request_nonces.sql"));

  /** Arbitrary key of the PostgreSQL advisory lock held while migrating. */
  private static final long MIGRATION_LOCK = 0x4b6970707543L;

  private Migrations() {}

  /** Applies the pending migrations; returns the schema version now in force. */
  public static int migrate(Database database) {
    Dialect dialect = database.dialect();
    return database.write(connection -> migrate(connection, dialect, ALL));
  }

  /** The newest version this build knows. */
  public static int latestVersion() {
    return ALL.get(ALL.size() - 1).version();
  }

  static int migrate(Connection connection, Dialect dialect, List<Migration> migrations)
      throws SQLException {
    try (Statement st = connection.createStatement()) {
      if (dialect == Dialect.POSTGRESQL) {
        st.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        st.executeUpdate(
            "CREATE TABLE IF NOT EXISTS schema_version ("
                + "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, "
                + "applied_at TIMESTAMPTZ NOT NULL DEFAULT now())");
      } else {
        st.executeUpdate(
            "CREATE TABLE IF NOT EXISTS schema_version ("
                + "version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL, "
                + "applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
      }
    }
    int current = currentVersion(connection);
    for (Migration m : migrations) {
      if (m.version() <= current) {
        continue;
      }
      try (Statement st = connection.createStatement()) {
        for (String sql : statements(load(m.resource(dialect)))) {
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
