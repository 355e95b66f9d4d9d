package com.kippu.devices.jpos;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import jpos.BaseControl;
import jpos.events.DataEvent;
import jpos.events.DataListener;
import jpos.events.DirectIOEvent;
import jpos.events.DirectIOListener;
import jpos.events.ErrorEvent;
import jpos.events.ErrorListener;
import jpos.events.OutputCompleteEvent;
import jpos.events.OutputCompleteListener;
import jpos.events.StatusUpdateEvent;
import jpos.events.StatusUpdateListener;
import jpos.events.TransitionEvent;
import jpos.events.TransitionListener;
import jpos.services.EventCallbacks2;

/**
 * The control's side of a service's event callbacks: every event a service fires is queued and
 * delivered to the registered listeners on one dedicated thread, in the order fired, so a slow
 * listener never runs on (or blocks) the service's own thread. A listener that throws is logged and
 * does not stop delivery to the others. An ErrorEvent is the one exception to "fire and forget":
 * {@link #fireErrorEvent} returns only after the listeners ran, so the service reads the
 * application's ErrorResponse from the event (UnifiedPOS 1.14 §1.3 "Error Handling").
 */
public final class EventDispatcher implements EventCallbacks2, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

  private final BaseControl source;
  private final ExecutorService thread;
  private volatile Thread deliveryThread;
  private final List<DataListener> dataListeners = new CopyOnWriteArrayList<>();
  private final List<DirectIOListener> directIoListeners = new CopyOnWriteArrayList<>();
  private final List<ErrorListener> errorListeners = new CopyOnWriteArrayList<>();
  private final List<OutputCompleteListener> outputListeners = new CopyOnWriteArrayList<>();
  private final List<StatusUpdateListener> statusListeners = new CopyOnWriteArrayList<>();
  private final List<TransitionListener> transitionListeners = new CopyOnWriteArrayList<>();

  /** {@code source} is what services put into events as their source (the control). */
  public EventDispatcher(String logicalName, BaseControl source) {
    this.source = source;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, "jpos-events-" + logicalName);
              t.setDaemon(true);
              deliveryThread = t;
              return t;
            });
  }

  public void addDataListener(DataListener l) {
    dataListeners.add(l);
  }

  public void addDirectIOListener(DirectIOListener l) {
    directIoListeners.add(l);
  }

  public void addErrorListener(ErrorListener l) {
    errorListeners.add(l);
  }

  public void addOutputCompleteListener(OutputCompleteListener l) {
    outputListeners.add(l);
  }

  public void addStatusUpdateListener(StatusUpdateListener l) {
    statusListeners.add(l);
  }

  public void addTransitionListener(TransitionListener l) {
    transitionListeners.add(l);
  }

  public void removeStatusUpdateListener(StatusUpdateListener l) {
    statusListeners.remove(l);
  }

  public void removeDataListener(DataListener l) {
    dataListeners.remove(l);
  }

  public void removeErrorListener(ErrorListener l) {
    errorListeners.remove(l);
  }

  @Override
  public BaseControl getEventSource() {
    return source;
  }

  @Override
  public void fireDataEvent(DataEvent e) {
    deliver(dataListeners, l -> l.dataOccurred(e));
  }

  @Override
  public void fireDirectIOEvent(DirectIOEvent e) {
    deliver(directIoListeners, l -> l.directIOOccurred(e));
  }

  /**
   * Queued behind the events fired before it and delivered on the event thread like every other
   * event, but the call waits for the delivery: a listener answers with {@link
   * ErrorEvent#setErrorResponse} (JPOS_ER_RETRY, JPOS_ER_CLEAR, JPOS_ER_CONTINUEINPUT) and the
   * service acts on that answer once this returns. After {@link #close} the proposed response
   * stands.
   */
  @Override
  public void fireErrorEvent(ErrorEvent e) {
    Runnable delivery = () -> deliverNow(errorListeners, l -> l.errorOccurred(e));
    if (Thread.currentThread() == deliveryThread) {
      delivery.run(); // fired from a listener: waiting for ourselves would deadlock
      return;
    }
    Future<?> done;
    try {
      done = thread.submit(delivery);
    } catch (RejectedExecutionException closed) {
      LOG.log(System.Logger.Level.DEBUG, "error event after close: proposed response stands");
      return;
    }
    try {
      done.get();
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException ee) {
      LOG.log(System.Logger.Level.WARNING, "error event delivery failed", ee.getCause());
    }
  }

  @Override
  public void fireOutputCompleteEvent(OutputCompleteEvent e) {
    deliver(outputListeners, l -> l.outputCompleteOccurred(e));
  }

  @Override
  public void fireStatusUpdateEvent(StatusUpdateEvent e) {
    deliver(statusListeners, l -> l.statusUpdateOccurred(e));
  }

  @Override
  public void fireTransitionEvent(TransitionEvent e) {
    deliver(transitionListeners, l -> l.transitionOccurred(e));
  }

  private <L> void deliver(List<L> listeners, Consumer<L> call) {
    try {
      thread.execute(() -> deliverNow(listeners, call));
    } catch (RejectedExecutionException closed) {
      LOG.log(System.Logger.Level.DEBUG, "event after close dropped");
    }
  }

  private static <L> void deliverNow(List<L> listeners, Consumer<L> call) {
    for (L l : listeners) {
      try {
        call.accept(l);
      } catch (RuntimeException ex) {
        LOG.log(System.Logger.Level.WARNING, "event listener " + l + " failed", ex);
      }
    }
  }

  /** Delivers the events already queued, then stops the thread (waits at most 2 s). */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(2, TimeUnit.SECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
