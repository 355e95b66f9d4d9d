package com.kippu.center;

import com.kippu.center.testdb.TestStore;

/** {@link MetricsIntegrationTest} on PostgreSQL (HikariCP's pool meters). */
class PostgresMetricsIntegrationTest extends MetricsIntegrationTest {
  @Override
  TestStore store() {
    return TestStore.POSTGRESQL;
  }

  @Override
  String poolMeter() {
    return "hikaricp_connections_active";
  }
}
