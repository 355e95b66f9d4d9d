package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link IssuerCenterIntegrationTest} on a temporary SQLite file. */
class SqliteIssuerCenterIntegrationTest extends IssuerCenterIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }
}
