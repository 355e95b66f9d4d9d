package com.kippu.devices.sim;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.function.IntConsumer;
import jpos.JposConst;
import jpos.events.DataEvent;
import jpos.events.DirectIOEvent;
import jpos.events.ErrorEvent;
import jpos.events.JposEvent;
import jpos.events.OutputCompleteEvent;
import jpos.events.StatusUpdateEvent;
import jpos.services.EventCallbacks;

/**
 * The service side of UnifiedPOS 1.14 event delivery (§1.3 "Events", "Input Model", "Output
 * Model"): one FIFO queue drained by one service thread, nothing delivered while FreezeEvents is
 * true, DataEvents and input ErrorEvents held until DataEventEnabled is true, DataEventEnabled
 * cleared just before a DataEvent is delivered, and the application's ErrorResponse handed back to
 * the device. Events never run on the caller's thread, so a listener may call back into the
 * service.
 */
final class ServiceEvents {

  private static final System.Logger LOG = System.getLogger(ServiceEvents.class.getName());

  /** One queued event; {@code beforeDelivery} sets the data properties it reports. */
  private record Pending(
      JposEvent event, boolean input, Runnable beforeDelivery, IntConsumer onResponse) {}

  private final String name;
  private final LinkedList<Pending> queue = new LinkedList<>();
  private EventCallbacks callbacks;
  private Thread thread;
  private boolean frozen;
  private boolean dataEventEnabled;
  private boolean errorInProgress;
  private long generation;

  ServiceEvents(String name) {
    this.name = name;
  }

  /** Starts delivery to {@code cb} (at open). */
  synchronized void start(EventCallbacks cb) {
    callbacks = cb;
    generation++;
    long mine = generation;
    thread = new Thread(() -> run(mine), "jpos-service-" + name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Drops undelivered events and ends the thread (at close). */
  synchronized void stop() {
    queue.clear();
    callbacks = null;
    frozen = false;
    dataEventEnabled = false;
    generation++;
    notifyAll();
  }

  synchronized boolean frozen() {
    return frozen;
  }

  synchronized void setFrozen(boolean freeze) {
    frozen = freeze;
    notifyAll();
  }

  synchronized boolean dataEventEnabled() {
    return dataEventEnabled;
  }

  synchronized void setDataEventEnabled(boolean enabled) {
    dataEventEnabled = enabled;
    notifyAll();
  }

  /** DataEvents enqueued and not yet delivered (the DataCount property). */
  synchronized int dataCount() {
    return (int) queue.stream().filter(p -> p.input() && p.event() instanceof DataEvent).count();
  }

  /** True while an ErrorEvent is being delivered: the State property is JPOS_S_ERROR. */
  synchronized boolean errorInProgress() {
    return errorInProgress;
  }

  void status(Object source, int status) {
    enqueue(new Pending(new StatusUpdateEvent(source, status), false, null, null));
  }

  void outputComplete(Object source, int outputId) {
    enqueue(new Pending(new OutputCompleteEvent(source, outputId), false, null, null));
  }

  void directIo(Object source, int number, int data, Object object) {
    enqueue(new Pending(new DirectIOEvent(source, number, data, object), false, null, null));
  }

  /** Queues a DataEvent that DataEventEnabled does not hold (the caller gates input itself). */
  void ungatedData(Object source, int status) {
    enqueue(new Pending(new DataEvent(source, status), false, null, null));
  }

  /** Queues a DataEvent; {@code publish} sets the data properties just before it is delivered. */
  void data(Object source, int status, Runnable publish) {
    enqueue(new Pending(new DataEvent(source, status), true, publish, null));
  }

  /**
   * Queues an input ErrorEvent. With DataEvents waiting it has locus JPOS_EL_INPUT_DATA and goes
   * ahead of them; JPOS_ER_CONTINUEINPUT then delivers them and a final JPOS_EL_INPUT error follows
   * (UnifiedPOS 1.14 "Input Model"). JPOS_ER_CLEAR (proposed) clears queued input. {@code
   * onResponse} receives the final answer of the JPOS_EL_INPUT event.
   */
  void inputError(Object source, int code, int extended, IntConsumer onResponse) {
    synchronized (this) {
      if (callbacks == null) {
        return;
      }
      if (dataCount() == 0) {
        ErrorEvent e =
            new ErrorEvent(
                source, code, extended, JposConst.JPOS_EL_INPUT, JposConst.JPOS_ER_CLEAR);
        queue.add(new Pending(e, true, null, answer -> afterInputError(answer, onResponse)));
      } else {
        ErrorEvent e =
            new ErrorEvent(
                source, code, extended, JposConst.JPOS_EL_INPUT_DATA, JposConst.JPOS_ER_CLEAR);
        int first = firstDataIndex();
        queue.add(
            first,
            new Pending(
                e,
                true,
                null,
                answer -> {
                  if (answer == JposConst.JPOS_ER_CONTINUEINPUT) {
                    finalInputError(source, code, extended, onResponse);
                  } else {
                    clearInput();
                    onResponse.accept(JposConst.JPOS_ER_CLEAR);
                  }
                }));
      }
      notifyAll();
    }
  }

  /** The JPOS_EL_INPUT error that follows the data the application chose to receive. */
  private synchronized void finalInputError(
      Object source, int code, int extended, IntConsumer onResponse) {
    ErrorEvent e =
        new ErrorEvent(source, code, extended, JposConst.JPOS_EL_INPUT, JposConst.JPOS_ER_CLEAR);
    queue.add(new Pending(e, true, null, answer -> afterInputError(answer, onResponse)));
    notifyAll();
  }

  private void afterInputError(int answer, IntConsumer onResponse) {
    if (answer != JposConst.JPOS_ER_RETRY) {
      clearInput();
    }
    onResponse.accept(answer);
  }

  private int firstDataIndex() {
    for (int i = 0; i < queue.size(); i++) {
      if (queue.get(i).input() && queue.get(i).event() instanceof DataEvent) {
        return i;
      }
    }
    return queue.size();
  }

  /**
   * Queues an output ErrorEvent (locus JPOS_EL_OUTPUT, proposed JPOS_ER_RETRY) and waits for the
   * application's answer: JPOS_ER_RETRY or JPOS_ER_CLEAR. Called on the device's output thread,
   * which must not go on until the application has decided. Returns JPOS_ER_CLEAR when the device
   * is closed meanwhile.
   */
  int outputError(Object source, int code, int extended) throws InterruptedException {
    int[] answer = {0};
    synchronized (this) {
      if (callbacks == null) {
        return JposConst.JPOS_ER_CLEAR;
      }
      long mine = generation;
      ErrorEvent e =
          new ErrorEvent(source, code, extended, JposConst.JPOS_EL_OUTPUT, JposConst.JPOS_ER_RETRY);
      queue.add(
          new Pending(
              e,
              false,
              null,
              r -> {
                synchronized (this) {
                  answer[0] = r;
                  notifyAll();
                }
              }));
      notifyAll();
      while (answer[0] == 0) {
        if (generation != mine) {
          return JposConst.JPOS_ER_CLEAR;
        }
        wait();
      }
    }
    return answer[0] == JposConst.JPOS_ER_RETRY ? JposConst.JPOS_ER_RETRY : JposConst.JPOS_ER_CLEAR;
  }

  /** Removes queued DataEvents and input ErrorEvents (clearInput). */
  synchronized void clearInput() {
    queue.removeIf(Pending::input);
  }

  /**
   * Removes queued OutputCompleteEvents and output ErrorEvents (UnifiedPOS 1.14 clearOutput); the
   * device waiting for the answer to a removed ErrorEvent gets JPOS_ER_CLEAR.
   */
  synchronized void clearOutput() {
    List<IntConsumer> unanswered = new ArrayList<>();
    queue.removeIf(
        p -> {
          if (p.event() instanceof OutputCompleteEvent) {
            return true;
          }
          if (p.event() instanceof ErrorEvent e && e.getErrorLocus() == JposConst.JPOS_EL_OUTPUT) {
            if (p.onResponse() != null) {
              unanswered.add(p.onResponse());
            }
            return true;
          }
          return false;
        });
    unanswered.forEach(r -> r.accept(JposConst.JPOS_ER_CLEAR));
  }

  private synchronized void enqueue(Pending p) {
    if (callbacks == null) {
      return;
    }
    queue.add(p);
    notifyAll();
  }

  private void run(long mine) {
    while (true) {
      Pending next;
      EventCallbacks cb;
      synchronized (this) {
        next = takeDeliverable();
        while (generation == mine && next == null) {
          try {
            wait();
          } catch (InterruptedException e) {
            return;
          }
          next = takeDeliverable();
        }
        if (generation != mine) {
          return;
        }
        cb = callbacks;
        if (next.input() && next.event() instanceof DataEvent) {
          dataEventEnabled = false; // UnifiedPOS: cleared just before a DataEvent is delivered
        }
        if (next.event() instanceof ErrorEvent) {
          errorInProgress = true;
        }
      }
      deliver(cb, next);
    }
  }

  /** The first event that may be delivered now, removed from the queue; null when none. */
  private Pending takeDeliverable() {
    if (frozen) {
      return null;
    }
    Iterator<Pending> it = queue.iterator();
    while (it.hasNext()) {
      Pending p = it.next();
      if (p.input() && !dataEventEnabled) {
        continue;
      }
      it.remove();
      return p;
    }
    return null;
  }

  private void deliver(EventCallbacks cb, Pending p) {
    try {
      if (p.beforeDelivery() != null) {
        p.beforeDelivery().run();
      }
      JposEvent e = p.event();
      if (e instanceof StatusUpdateEvent s) {
        cb.fireStatusUpdateEvent(s);
      } else if (e instanceof DataEvent d) {
        cb.fireDataEvent(d);
      } else if (e instanceof OutputCompleteEvent o) {
        cb.fireOutputCompleteEvent(o);
      } else if (e instanceof DirectIOEvent d) {
        cb.fireDirectIOEvent(d);
      } else if (e instanceof ErrorEvent err) {
        cb.fireErrorEvent(err); // returns after the application answered
        synchronized (this) {
          errorInProgress = false;
        }
        if (p.onResponse() != null) {
          p.onResponse().accept(err.getErrorResponse());
        }
      }
    } catch (RuntimeException ex) {
      synchronized (this) {
        errorInProgress = false;
      }
      LOG.log(System.Logger.Level.WARNING, name + ": event delivery failed", ex);
    }
  }

  /** Events still queued, for tests and diagnostics. */
  synchronized List<JposEvent> pending() {
    List<JposEvent> out = new ArrayList<>();
    queue.forEach(p -> out.add(p.event()));
    return out;
  }
}
