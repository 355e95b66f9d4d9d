package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link CardLifecycleIntegrationTest} on a fresh database on the test PostgreSQL server. */
class PostgresCardLifecycleIntegrationTest extends CardLifecycleIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }
}
