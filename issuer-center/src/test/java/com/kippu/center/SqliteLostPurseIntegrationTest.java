package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link LostPurseIntegrationTest} on a temporary SQLite file. */
class SqliteLostPurseIntegrationTest extends LostPurseIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }
}
