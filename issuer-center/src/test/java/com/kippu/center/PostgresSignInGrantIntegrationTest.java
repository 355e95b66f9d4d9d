package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link SignInGrantIntegrationTest} on a fresh database on the test PostgreSQL server. */
class PostgresSignInGrantIntegrationTest extends SignInGrantIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }
}
