package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link CardLifecycleIntegrationTest} on a temporary SQLite file. */
class SqliteCardLifecycleIntegrationTest extends CardLifecycleIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }
}
