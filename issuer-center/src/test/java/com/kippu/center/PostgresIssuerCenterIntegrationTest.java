package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link IssuerCenterIntegrationTest} on a fresh database on the test PostgreSQL server. */
class PostgresIssuerCenterIntegrationTest extends IssuerCenterIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }
}
