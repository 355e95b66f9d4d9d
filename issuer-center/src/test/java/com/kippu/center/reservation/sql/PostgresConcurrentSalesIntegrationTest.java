package com.kippu.center.reservation.sql;

import com.kippu.center.testdb.TestStore;

/** {@link ConcurrentSalesIntegrationTest} on a fresh database on the test PostgreSQL server. */
class PostgresConcurrentSalesIntegrationTest extends ConcurrentSalesIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }
}
