package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link ProductSalesIntegrationTest} on a fresh database on the test PostgreSQL server. */
class PostgresProductSalesIntegrationTest extends ProductSalesIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }
}
