package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link TicketVoidIntegrationTest} on a temporary SQLite file. */
class SqliteTicketVoidIntegrationTest extends TicketVoidIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }
}
