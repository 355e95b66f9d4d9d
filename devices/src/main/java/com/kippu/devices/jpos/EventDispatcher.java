package com.kippu.devices.jpos;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
 * does not stop delivery to the others.
 */
public final class EventDispatcher implements EventCallbacks2, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

  private final BaseControl source;
  private final ExecutorService thread;
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
   * Delivered asynchronously like every other event, so the service sees the error response it
   * proposed, not one a listener sets.
   */
  @Override
  public void fireErrorEvent(ErrorEvent e) {
    deliver(errorListeners, l -> l.errorOccurred(e));
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
      thread.execute(
          () -> {
            for (L l : listeners) {
              try {
                call.accept(l);
              } catch (RuntimeException ex) {
                LOG.log(System.Logger.Level.WARNING, "event listener " + l + " failed", ex);
              }
            }
          });
    } catch (RejectedExecutionException closed) {
      LOG.log(System.Logger.Level.DEBUG, "event after close dropped");
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
