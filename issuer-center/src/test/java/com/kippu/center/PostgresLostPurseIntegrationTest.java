package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link LostPurseIntegrationTest} on a fresh database on the test PostgreSQL server. */
class PostgresLostPurseIntegrationTest extends LostPurseIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }
}
