package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link SignInGrantIntegrationTest} on a temporary SQLite file. */
class SqliteSignInGrantIntegrationTest extends SignInGrantIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }
}
