package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link SalesIntegrationTest} on a temporary SQLite file. */
class SqliteSalesIntegrationTest extends SalesIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }
}
