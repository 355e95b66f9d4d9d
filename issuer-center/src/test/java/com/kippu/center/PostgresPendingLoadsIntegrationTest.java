package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link PendingLoadsIntegrationTest} on a fresh database on the test PostgreSQL server. */
class PostgresPendingLoadsIntegrationTest extends PendingLoadsIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }
}
