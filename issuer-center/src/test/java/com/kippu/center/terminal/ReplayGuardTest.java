package com.kippu.center.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kippu.center.db.Database;
import com.kippu.center.db.Migrations;
import com.kippu.center.testdb.TestStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ReplayGuardTest {
  private static final Instant NOW = Instant.parse("2026-12-01T01:00:00Z");

  @TempDir Path dir;

  private static Database open(TestStore store, Path dir) {
    Database db = Database.open(store.create(dir));
    Migrations.migrate(db);
    return db;
  }

  @ParameterizedTest
  @EnumSource(TestStore.class)
  void aNonceIsAcceptedOncePerCaller(TestStore store) {
    try (Database db = open(store, dir)) {
      ReplayGuard guard = new ReplayGuard(db, Clock.fixed(NOW, ZoneOffset.UTC));
      assertEquals(ReplayGuard.Use.FIRST, guard.use("terminal A", "n1", NOW.plusSeconds(300)));
      assertEquals(ReplayGuard.Use.REPLAYED, guard.use("terminal A", "n1", NOW.plusSeconds(300)));
      assertEquals(ReplayGuard.Use.FIRST, guard.use("terminal B", "n1", NOW.plusSeconds(300)));
    }
  }

  @ParameterizedTest
  @EnumSource(TestStore.class)
  void twoGuardsOnOneDatabaseShareTheirNonces(TestStore store) {
    try (Database db = open(store, dir)) {
      Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
      ReplayGuard first = new ReplayGuard(db, clock);
      ReplayGuard second = new ReplayGuard(db, clock);
      assertEquals(ReplayGuard.Use.FIRST, first.use("terminal A", "n1", NOW.plusSeconds(300)));
      assertEquals(ReplayGuard.Use.REPLAYED, second.use("terminal A", "n1", NOW.plusSeconds(300)));
    }
  }

  @ParameterizedTest
  @EnumSource(TestStore.class)
  void concurrentCopiesOfOneRequestAreAcceptedOnceAndOthersAreWrittenTogether(TestStore store)
      throws Exception {
    try (Database db = open(store, dir)) {
      ReplayGuard guard = new ReplayGuard(db, Clock.fixed(NOW, ZoneOffset.UTC));
      ExecutorService threads = Executors.newFixedThreadPool(16);
      List<Future<ReplayGuard.Use>> copies = new ArrayList<>();
      List<Future<ReplayGuard.Use>> distinct = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        copies.add(threads.submit(() -> guard.use("t", "same", NOW.plusSeconds(300))));
        String nonce = "n" + i;
        distinct.add(threads.submit(() -> guard.use("t", nonce, NOW.plusSeconds(300))));
      }
      int first = 0;
      for (Future<ReplayGuard.Use> f : copies) {
        first += f.get() == ReplayGuard.Use.FIRST ? 1 : 0;
      }
      for (Future<ReplayGuard.Use> f : distinct) {
        assertEquals(ReplayGuard.Use.FIRST, f.get());
      }
      threads.shutdown();
      assertEquals(1, first, "one copy of the request accepted");
      assertEquals(201, guard.size());
    }
  }

  @Test
  void expiredNoncesArePurgedAndAnExpiredRowIsTakenOver() {
    try (Database db = open(TestStore.SQLITE, dir)) {
      ReplayGuard guard = new ReplayGuard(db, Clock.fixed(NOW, ZoneOffset.UTC));
      guard.use("t", "n1", NOW.plusSeconds(300));
      guard.use("t", "n2", NOW.minusSeconds(1));
      assertEquals(
          ReplayGuard.Use.FIRST, guard.use("t", "n2", NOW.plusSeconds(300)), "n2 had expired");
      guard.use("t", "n3", NOW.minusSeconds(5));
      assertEquals(3, guard.size());
      assertEquals(1, guard.purgeExpired(NOW.toEpochMilli()), "only n3 had expired");
      assertEquals(2, guard.size());
      assertEquals(ReplayGuard.Use.REPLAYED, guard.use("t", "n1", NOW.plusSeconds(300)));
    }
  }
}
