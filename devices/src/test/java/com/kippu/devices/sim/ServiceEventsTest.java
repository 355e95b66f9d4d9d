package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.jpos.EventDispatcher;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jpos.JposConst;
import jpos.events.ErrorEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** UnifiedPOS 1.14 event rules, service side, delivered through the real control dispatcher. */
class ServiceEventsTest {

  private static final Object SRC = "src";

  private final BlockingQueue<String> seen = new LinkedBlockingQueue<>();
  private final List<String> threads = new CopyOnWriteArrayList<>();
  private EventDispatcher control;
  private ServiceEvents events;

  @BeforeEach
  void setUp() {
    control = new EventDispatcher("Dev", null);
    control.addStatusUpdateListener(
        e -> {
          threads.add(Thread.currentThread().getName());
          seen.add("status " + e.getStatus());
        });
    control.addDataListener(e -> seen.add("data " + e.getStatus()));
    events = new ServiceEvents("Dev");
    events.start(control);
  }

  @AfterEach
  void tearDown() {
    events.stop();
    control.close();
  }

  private String next() throws InterruptedException {
    String s = seen.poll(5, TimeUnit.SECONDS);
    assertNotEquals(null, s, "no event delivered");
    return s;
  }

  /** A status event queued after {@code e} arrives only after it: FIFO makes this a barrier. */
  private void assertNothingPending() throws InterruptedException {
    events.status(SRC, 999);
    assertEquals("status 999", next());
  }

  @Test
  void statusEventsArriveInOrderOffTheCallersThread() throws Exception {
    for (int i = 1; i <= 50; i++) {
      events.status(SRC, i);
    }
    for (int i = 1; i <= 50; i++) {
      assertEquals("status " + i, next());
    }
    assertTrue(threads.stream().noneMatch(Thread.currentThread().getName()::equals));
  }

  @Test
  void frozenEventsAreHeldThenDeliveredInOrder() throws Exception {
    events.setFrozen(true);
    events.status(SRC, 1);
    events.status(SRC, 2);
    assertEquals(2, events.pending().size());
    events.setFrozen(false);
    assertEquals("status 1", next());
    assertEquals("status 2", next());
  }

  @Test
  void dataWaitsForDataEventEnabledWhichDeliveryClears() throws Exception {
    List<String> published = new CopyOnWriteArrayList<>();
    events.data(SRC, 10, () -> published.add("track of 10"));
    events.data(SRC, 20, () -> published.add("track of 20"));
    assertNothingPending(); // status events overtake held data
    assertEquals(2, events.dataCount());
    assertEquals(List.of(), published);

    events.setDataEventEnabled(true);
    assertEquals("data 10", next());
    assertEquals(List.of("track of 10"), published); // properties set just before delivery
    assertNothingPending();
    assertEquals(1, events.dataCount()); // DataEventEnabled went false on delivery
    assertEquals(false, events.dataEventEnabled());

    events.setDataEventEnabled(true);
    assertEquals("data 20", next());
  }

  @Test
  void inputErrorWithQueuedDataGoesFirstAndContinueInputDeliversTheData() throws Exception {
    BlockingQueue<Integer> loci = new LinkedBlockingQueue<>();
    BlockingQueue<Integer> finalAnswer = new LinkedBlockingQueue<>();
    control.addErrorListener(
        e -> {
          loci.add(e.getErrorLocus());
          if (e.getErrorLocus() == JposConst.JPOS_EL_INPUT_DATA) {
            e.setErrorResponse(JposConst.JPOS_ER_CONTINUEINPUT);
          }
          seen.add("error " + e.getErrorLocus());
        });
    events.data(SRC, 1, null);
    events.inputError(SRC, JposConst.JPOS_E_FAILURE, 0, finalAnswer::add);
    events.setDataEventEnabled(true);
    assertEquals("error " + JposConst.JPOS_EL_INPUT_DATA, next());
    assertEquals("data 1", next());
    events.setDataEventEnabled(true);
    assertEquals("error " + JposConst.JPOS_EL_INPUT, next());
    assertEquals(JposConst.JPOS_ER_CLEAR, finalAnswer.poll(5, TimeUnit.SECONDS));
  }

  @Test
  void inputErrorClearDropsQueuedData() throws Exception {
    control.addErrorListener(e -> seen.add("error " + e.getErrorLocus()));
    events.data(SRC, 1, null);
    events.data(SRC, 2, null);
    events.inputError(SRC, JposConst.JPOS_E_FAILURE, 0, r -> {});
    events.setDataEventEnabled(true);
    assertEquals("error " + JposConst.JPOS_EL_INPUT_DATA, next());
    assertNothingPending();
    assertEquals(0, events.dataCount());
  }

  @Test
  void outputErrorReturnsTheApplicationsAnswer() throws Exception {
    control.addErrorListener(
        e -> {
          assertEquals(JposConst.JPOS_ER_RETRY, e.getErrorResponse()); // proposed for output
          e.setErrorResponse(JposConst.JPOS_ER_CLEAR);
        });
    assertEquals(JposConst.JPOS_ER_CLEAR, events.outputError(SRC, JposConst.JPOS_E_EXTENDED, 203));
    control.addErrorListener(ErrorEventRetry.INSTANCE);
    assertEquals(JposConst.JPOS_ER_RETRY, events.outputError(SRC, JposConst.JPOS_E_EXTENDED, 203));
  }

  private enum ErrorEventRetry implements jpos.events.ErrorListener {
    INSTANCE;

    @Override
    public void errorOccurred(ErrorEvent e) {
      e.setErrorResponse(JposConst.JPOS_ER_RETRY);
    }
  }

  @Test
  void clearOutputDropsAQueuedOutputErrorAndAnswersItsWaiterClear() throws Exception {
    control.addErrorListener(e -> seen.add("error"));
    control.addOutputCompleteListener(e -> seen.add("complete " + e.getOutputID()));
    events.setFrozen(true);
    events.outputComplete(SRC, 1);
    BlockingQueue<Integer> answer = new LinkedBlockingQueue<>();
    Thread device =
        new Thread(
            () -> {
              try {
                answer.add(events.outputError(SRC, JposConst.JPOS_E_FAILURE, 0));
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    device.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (events.pending().size() < 2) { // the device thread queues its ErrorEvent, then waits
      assertTrue(System.nanoTime() < deadline, "the ErrorEvent was never queued");
      Thread.onSpinWait();
    }
    events.clearOutput();
    assertEquals(JposConst.JPOS_ER_CLEAR, answer.poll(5, TimeUnit.SECONDS));
    device.join(5000);
    assertEquals(List.of(), events.pending());
    events.setFrozen(false);
    assertNothingPending(); // neither the OutputCompleteEvent nor the ErrorEvent is delivered
  }
}
