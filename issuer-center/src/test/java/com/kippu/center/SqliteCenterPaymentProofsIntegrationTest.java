package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link CenterPaymentProofsIntegrationTest} on a fresh SQLite file. */
class SqliteCenterPaymentProofsIntegrationTest extends CenterPaymentProofsIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }
}
