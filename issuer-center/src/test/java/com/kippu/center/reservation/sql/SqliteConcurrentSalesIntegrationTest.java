package com.kippu.center.reservation.sql;

import com.kippu.center.testdb.TestStore;

/** {@link ConcurrentSalesIntegrationTest} on a temporary SQLite file. */
class SqliteConcurrentSalesIntegrationTest extends ConcurrentSalesIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }
}
