package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link HomePaymentIntentIntegrationTest} on a fresh database on the test PostgreSQL server. */
class PostgresHomePaymentIntentIntegrationTest extends HomePaymentIntentIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }
}
