package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link HomePcTerminalIntegrationTest} on a fresh SQLite file. */
class SqliteHomePcTerminalIntegrationTest extends HomePcTerminalIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }
}
