package com.kippu.center.reservation;

import com.kippu.center.testdb.TestStore;

/** {@link RepeatedIssuanceTest} on a temporary SQLite file. */
class SqliteRepeatedIssuanceTest extends RepeatedIssuanceTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }
}
