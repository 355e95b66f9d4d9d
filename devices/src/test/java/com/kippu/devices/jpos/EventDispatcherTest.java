package com.kippu.devices.jpos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import jpos.events.StatusUpdateEvent;
import org.junit.jupiter.api.Test;

class EventDispatcherTest {

  @Test
  void deliversInFiringOrderOnItsOwnThreadDespiteAFailingListener() throws Exception {
    int n = 200;
    List<Integer> seen = new CopyOnWriteArrayList<>();
    List<String> threads = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(n);
    try (EventDispatcher d = new EventDispatcher("Dev", null)) {
      d.addStatusUpdateListener(
          e -> {
            if (e.getStatus() == 0) {
              throw new IllegalStateException("listener bug (expected in this test)");
            }
          });
      d.addStatusUpdateListener(
          e -> {
            seen.add(e.getStatus());
            threads.add(Thread.currentThread().getName());
            done.countDown();
          });
      for (int i = 0; i < n; i++) {
        d.fireStatusUpdateEvent(new StatusUpdateEvent("src", i));
      }
      assertTrue(done.await(5, TimeUnit.SECONDS));
    }
    assertEquals(IntStream.range(0, n).boxed().toList(), seen);
    assertTrue(threads.stream().allMatch("jpos-events-Dev"::equals), threads.get(0));
    assertNotEquals(Thread.currentThread().getName(), threads.get(0));
  }
}
