package com.kippu.atm.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteStanSourceTest {
  private static final Clock DAY_1 =
      Clock.fixed(Instant.parse("2025-04-01T01:30:00Z"), ZoneId.of("Asia/Tokyo"));
  private static final Clock DAY_2 =
      Clock.fixed(Instant.parse("2025-04-02T01:30:00Z"), ZoneId.of("Asia/Tokyo"));

  @TempDir Path dir;

  @Test
  void counterContinuesAfterReopening() {
    Path file = dir.resolve("link.db");
    try (SqliteStanSource stans = SqliteStanSource.open(file, DAY_1)) {
      assertEquals("000001", stans.next().value());
      assertEquals("000002", stans.next().value());
    }
    try (SqliteStanSource stans = SqliteStanSource.open(file, DAY_1)) {
      assertEquals("000003", stans.next().value());
    }
  }

  @Test
  void concurrentCallersNeverGetTheSameStan() throws Exception {
    Path file = dir.resolve("link.db");
    Set<String> seen = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    // Two sources on one file: the counter is shared through SQLite, not through memory.
    try (SqliteStanSource a = SqliteStanSource.open(file, DAY_1);
        SqliteStanSource b = SqliteStanSource.open(file, DAY_1)) {
      List<Future<?>> work = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        SqliteStanSource source = i % 2 == 0 ? a : b;
        work.add(
            pool.submit(
                () -> {
                  for (int n = 0; n < 50; n++) {
                    seen.add(source.next().value());
                  }
                }));
      }
      for (Future<?> f : work) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(200, seen.size());
  }

  @Test
  void wrapsFrom999999To000001() throws Exception {
    Path file = dir.resolve("link.db");
    SqliteStanSource.open(file, DAY_1).close();
    execute(file, "UPDATE stan_counter SET last_stan = 999998");
    try (SqliteStanSource stans = SqliteStanSource.open(file, DAY_1)) {
      assertEquals("999999", stans.next().value());
      assertEquals("000001", stans.next().value());
    }
  }

  @Test
  void refusesToRepeatAStanOnTheSameDay() throws Exception {
    Path file = dir.resolve("link.db");
    try (SqliteStanSource stans = SqliteStanSource.open(file, DAY_1)) {
      stans.next();
    }
    execute(file, "UPDATE stan_counter SET issued_on_day = 999999");
    try (SqliteStanSource stans = SqliteStanSource.open(file, DAY_1)) {
      assertThrows(IllegalStateException.class, stans::next);
    }
    try (SqliteStanSource stans = SqliteStanSource.open(file, DAY_2)) {
      assertEquals("000002", stans.next().value(), "a new day continues the counter");
    }
  }

  private static void execute(Path file, String sql) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }
}
