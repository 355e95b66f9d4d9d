package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link IssuerCatalogIntegrationTest} on a temporary SQLite file. */
class SqliteIssuerCatalogIntegrationTest extends IssuerCatalogIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }
}
