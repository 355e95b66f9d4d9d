package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link PendingLoadsIntegrationTest} on a temporary SQLite file. */
class SqlitePendingLoadsIntegrationTest extends PendingLoadsIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }
}
