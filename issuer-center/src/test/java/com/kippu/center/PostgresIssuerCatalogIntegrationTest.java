package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link IssuerCatalogIntegrationTest} on a fresh database on the test PostgreSQL server. */
class PostgresIssuerCatalogIntegrationTest extends IssuerCatalogIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }
}
