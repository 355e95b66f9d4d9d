package com.kippu.center.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.center.CenterConfig;
import com.kippu.center.catalog.CatalogSeed;
import com.kippu.center.catalog.sql.SqlCatalogRepository;
import com.kippu.center.testdb.TestStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Flyway on a new database and on one the center's earlier runner made: the earlier history is
 * adopted, its scripts are not run again, and what was sold stays.
 */
class FlywayMigrationsIntegrationTest {
  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(TestStore.class)
  void aNewDatabaseGetsEveryVersionOnceRecordedByFlyway(TestStore engine) {
    try (Database db = Database.open(engine.create(dir))) {
      int latest = Migrations.latestVersion();
      assertTrue(latest >= 15, "the build knows its scripts: " + latest);
      assertEquals(latest, Migrations.migrate(db), "Migrations.latestVersion() names the last");
      assertEquals(latest, Migrations.migrate(db), "a second run applies nothing");
      List<String> history = history(db);
      assertEquals(latest, history.size(), history.toString());
      assertEquals("1 true", history.get(0));
      assertEquals(latest + " true", history.get(latest - 1));
      // The center works on the database afterwards (SQLite's writer is back in its mode).
      new CatalogSeed(new SqlCatalogRepository(db)).seedIfEmpty();
      assertTrue(count(db, "SELECT COUNT(*) FROM issuer") > 0);
    }
  }

  @ParameterizedTest
  @EnumSource(TestStore.class)
  void aDatabaseOfTheEarlierRunnerIsAdoptedWithoutRerunningItsScripts(TestStore engine) {
    CenterConfig.Store store = engine.create(dir);
    long issuers;
    try (Database db = Database.open(store)) {
      db.write(c -> earlierRunner(c, db.dialect(), 12));
      new CatalogSeed(new SqlCatalogRepository(db)).seedIfEmpty();
      issuers = count(db, "SELECT COUNT(*) FROM issuer");
    }
    try (Database db = Database.open(store)) {
      assertEquals(Migrations.latestVersion(), Migrations.migrate(db));
      List<String> history = history(db);
      // 1..12 recorded without running (V1 run again would fail: its tables exist), then the rest.
      List<String> expected = new ArrayList<>();
      for (int v = 1; v <= Migrations.latestVersion(); v++) {
        expected.add(v + " true");
      }
      assertEquals(expected, history);
      assertEquals(issuers, count(db, "SELECT COUNT(*) FROM issuer"), "the seeded catalog stays");
      assertEquals(12L, count(db, "SELECT COUNT(*) FROM schema_version"), "kept as it was");
      assertEquals(
          Migrations.latestVersion(), Migrations.migrate(db), "later starts apply nothing");
    }
  }

  @ParameterizedTest
  @EnumSource(TestStore.class)
  void aTargetStopsAtThatVersionAndTheRestFollowLater(TestStore engine) {
    try (Database db = Database.open(engine.create(dir))) {
      assertEquals(8, Migrations.migrate(db, 8));
      assertEquals(Migrations.latestVersion(), Migrations.migrate(db));
    }
  }

  @Test
  void twoNodesStartingTogetherOnOnePostgresMigrateOnce() throws Exception {
    CenterConfig.Store store = TestStore.POSTGRESQL.create(dir);
    try (Database a = Database.open(store);
        Database b = Database.open(store)) {
      var pool = Executors.newFixedThreadPool(2);
      try {
        var start = new CountDownLatch(1);
        var first =
            pool.submit(
                () -> {
                  start.await();
                  return Migrations.migrate(a);
                });
        var second =
            pool.submit(
                () -> {
                  start.await();
                  return Migrations.migrate(b);
                });
        start.countDown();
        assertEquals(Migrations.latestVersion(), first.get());
        assertEquals(Migrations.latestVersion(), second.get());
      } finally {
        pool.shutdownNow();
      }
      assertEquals(Migrations.latestVersion(), history(a).size(), "each version applied once");
    }
  }

  /** What the center's runner before Flyway did: each script, then a row in schema_version. */
  private static Void earlierRunner(Connection c, Dialect dialect, int upTo) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.executeUpdate(
          "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY,"
              + " description TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT '2026-01-01')");
    }
    String[] scripts = {
      "V1__catalog_and_reservations.sql",
      "V2__terminals.sql",
      "V3__issuer_accounts_and_products.sql",
      "V4__payment_reference_unique.sql",
      "V5__verification.sql",
      "V6__registered_users.sql",
      "V7__cards.sql",
      "V8__outbox.sql",
      "V9__payment_proofs.sql",
      "V10__terminal_roles.sql",
      "V11__bank_account_changes.sql",
      "V12__commuter_passes.sql"
    };
    for (int v = 1; v <= upTo; v++) {
      try (Statement st = c.createStatement()) {
        for (String sql : statements(load(dialect.migrationFolder() + "/" + scripts[v - 1]))) {
          st.executeUpdate(sql);
        }
      }
      try (PreparedStatement ps =
          c.prepareStatement("INSERT INTO schema_version (version, description) VALUES (?, ?)")) {
        ps.setInt(1, v);
        ps.setString(2, scripts[v - 1]);
        ps.executeUpdate();
      }
    }
    return null;
  }

  private static List<String> statements(String script) {
    StringBuilder cleaned = new StringBuilder();
    for (String line : script.split("\n")) {
      if (!line.strip().startsWith("--")) {
        cleaned.append(line).append('\n');
      }
    }
    return List.of(cleaned.toString().split(";\\s*\n")).stream()
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .toList();
  }

  private static String load(String resource) {
    try (InputStream in =
        FlywayMigrationsIntegrationTest.class.getClassLoader().getResourceAsStream(resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** "version success" per row of Flyway's history, in installed order. */
  private static List<String> history(Database db) {
    return db.read(
        c -> {
          List<String> rows = new ArrayList<>();
          try (Statement st = c.createStatement();
              ResultSet rs =
                  st.executeQuery(
                      "SELECT version, success FROM "
                          + Migrations.HISTORY_TABLE
                          + " ORDER BY installed_rank")) {
            while (rs.next()) {
              rows.add(rs.getString(1) + " " + rs.getBoolean(2));
            }
          }
          return rows;
        });
  }

  private static long count(Database db, String sql) {
    return db.read(
        c -> {
          try (Statement st = c.createStatement();
              ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
          }
        });
  }
}
