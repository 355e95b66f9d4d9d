package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link CenterPaymentProofsIntegrationTest} on a fresh database on the test PostgreSQL server. */
class PostgresCenterPaymentProofsIntegrationTest extends CenterPaymentProofsIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }
}
