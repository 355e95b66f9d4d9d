package com.kippu.gate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.center.SignedDocument;
import com.kippu.gate.check.Admission;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteGateStoreTest {
  @TempDir Path dir;

  private static SignedDocument doc(String payload) {
    return new SignedDocument(
        payload.getBytes(StandardCharsets.UTF_8), new byte[64], "center#1", "Ed25519");
  }

  private static Admission entry(String ticket, String gate) {
    return new Admission(
        ticket,
        "KC-10001",
        Admission.Medium.PAPER,
        gate,
        Instant.parse("2026-12-24T08:00:00Z"),
        false);
  }

  @Test
  void aTicketIsRecordedOnceAndSurvivesAReopen() {
    try (SqliteGateStore store = SqliteGateStore.open(dir.resolve("gate.db"))) {
      assertTrue(store.record(entry("T1", "GATE-A")));
      assertFalse(store.record(entry("T1", "GATE-B")));
    }
    try (SqliteGateStore store = SqliteGateStore.open(dir.resolve("gate.db"))) {
      assertEquals("GATE-A", store.admission("T1").orElseThrow().gateId());
      assertEquals(1, store.unsynced().size());
      store.markSynced("T1");
      assertTrue(store.unsynced().isEmpty());
    }
  }

  @Test
  void anOlderRevocationListNeverReplacesANewerOne() {
    try (SqliteGateStore store = SqliteGateStore.open(dir.resolve("gate.db"))) {
      store.keepRevocationList(5, doc("v5"));
      store.keepRevocationList(3, doc("v3"));
      assertEquals(
          "v5", new String(store.revocationList().orElseThrow().payload(), StandardCharsets.UTF_8));
      store.keepRevocationList(6, doc("v6"));
      assertEquals(
          "v6", new String(store.revocationList().orElseThrow().payload(), StandardCharsets.UTF_8));
    }
  }
}
