package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link SalesIntegrationTest} on a fresh database on the test PostgreSQL server. */
class PostgresSalesIntegrationTest extends SalesIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }
}
