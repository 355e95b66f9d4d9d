package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link HomePcTerminalIntegrationTest} on a fresh database on the test PostgreSQL server. */
class PostgresHomePcTerminalIntegrationTest extends HomePcTerminalIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }
}
