package com.kippu.center.reservation;

import com.kippu.center.testdb.TestStore;

/** {@link ReservationServiceTest} on a fresh database on the test PostgreSQL server. */
class PostgresReservationServiceTest extends ReservationServiceTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }
}
