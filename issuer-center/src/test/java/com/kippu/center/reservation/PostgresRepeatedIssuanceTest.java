package com.kippu.center.reservation;

import com.kippu.center.testdb.TestStore;

/** {@link RepeatedIssuanceTest} on a fresh database on the test PostgreSQL server. */
class PostgresRepeatedIssuanceTest extends RepeatedIssuanceTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }
}
