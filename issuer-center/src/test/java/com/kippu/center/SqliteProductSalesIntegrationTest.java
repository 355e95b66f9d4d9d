package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link ProductSalesIntegrationTest} on a temporary SQLite file. */
class SqliteProductSalesIntegrationTest extends ProductSalesIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }
}
