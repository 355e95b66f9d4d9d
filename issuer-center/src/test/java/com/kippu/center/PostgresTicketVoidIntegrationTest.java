package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link TicketVoidIntegrationTest} on a fresh database on the test PostgreSQL server. */
class PostgresTicketVoidIntegrationTest extends TicketVoidIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }
}
