package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link MetricsIntegrationTest} on a temporary SQLite file. */
class SqliteMetricsIntegrationTest extends MetricsIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  @Override
  String poolMeter() {
    return "kippu_db_readers_idle";
  }
}
