package com.kippu.center.reservation.sql;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The meters of the hold batches: how long each batch's transaction took and whether it committed
 * ({@code kippu_hold_batch_seconds}), how many holds a batch carried ({@code
 * kippu_hold_batch_holds}), what became of each hold ({@code kippu_hold_verdicts_total}) and how
 * many holds wait for a writer ({@code kippu_hold_queue}).
 */
final class HoldBatchMetrics {
  private final Timer committed;
  private final Timer failed;
  private final DistributionSummary size;
  private final Map<HoldBatch.Verdict, Counter> verdicts = new EnumMap<>(HoldBatch.Verdict.class);
  private final Counter failedHolds;

  HoldBatchMetrics(MeterRegistry registry, Collection<?> queue) {
    committed = batchTimer(registry, "committed");
    failed = batchTimer(registry, "failed");
    size =
        DistributionSummary.builder("kippu.hold.batch.holds")
            .description("holds written together in one transaction")
            .register(registry);
    for (HoldBatch.Verdict v : HoldBatch.Verdict.values()) {
      verdicts.put(v, verdictCounter(registry, v.name()));
    }
    failedHolds = verdictCounter(registry, "FAILED");
    Gauge.builder("kippu.hold.queue", queue, Collection::size)
        .description("holds waiting for a writer thread")
        .register(registry);
  }

  private static Timer batchTimer(MeterRegistry registry, String outcome) {
    return Timer.builder("kippu.hold.batch")
        .description("hold batch transactions")
        .tag("outcome", outcome)
        .register(registry);
  }

  private static Counter verdictCounter(MeterRegistry registry, String verdict) {
    return Counter.builder("kippu.hold.verdicts")
        .description("what became of each hold of a batch")
        .tag("verdict", verdict)
        .register(registry);
  }

  void committed(long nanos, List<HoldBatch.Written> written) {
    committed.record(nanos, TimeUnit.NANOSECONDS);
    size.record(written.size());
    written.forEach(w -> verdicts.get(w.verdict()).increment());
  }

  void failed(long nanos, int holds, boolean retriedAlone) {
    failed.record(nanos, TimeUnit.NANOSECONDS);
    size.record(holds);
    if (!retriedAlone) {
      failedHolds.increment(holds);
    }
  }
}
