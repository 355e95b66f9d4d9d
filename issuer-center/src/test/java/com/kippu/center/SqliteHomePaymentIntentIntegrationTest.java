package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link HomePaymentIntentIntegrationTest} on a SQLite file. */
class SqliteHomePaymentIntentIntegrationTest extends HomePaymentIntentIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }
}
