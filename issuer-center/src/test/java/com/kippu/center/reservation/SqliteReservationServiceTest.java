package com.kippu.center.reservation;

import com.kippu.center.testdb.TestStore;

/** {@link ReservationServiceTest} on a temporary SQLite file. */
class SqliteReservationServiceTest extends ReservationServiceTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }
}
