package com.kippu.simulator.web;

import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The page's live view: the state is rebuilt when something signals a change and, for what moves
 * without telling (balances, printers, the devices' own threads), every {@link #POLL_MS}; each
 * distinct state gets the next version, and every open event stream waits for a version newer than
 * the one it sent.
 */
final class LiveUpdates implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LiveUpdates.class.getName());
  static final long POLL_MS = 500;

  private final Supplier<String> state;
  private final Thread poller;
  private boolean signalled;
  private boolean closed;
  private long version;
  private String latest = "{}";

  LiveUpdates(Supplier<String> state) {
    this.state = state;
    this.poller = new Thread(this::poll, "web-live-updates");
    poller.setDaemon(true);
  }

  void start() {
    refresh();
    poller.start();
  }

  /** Something changed: rebuild the state now. */
  synchronized void changed() {
    signalled = true;
    notifyAll();
  }

  /** The latest state and its version. */
  synchronized Versioned latest() {
    return new Versioned(version, latest);
  }

  /** A state as JSON, with its version. */
  record Versioned(long version, String json) {}

  /**
   * Waits until a state newer than {@code seen} exists or {@code waitMs} passed; the latest state
   * either way.
   */
  synchronized Versioned awaitNewer(long seen, long waitMs) throws InterruptedException {
    long deadline = System.currentTimeMillis() + waitMs;
    while (version <= seen && !closed) {
      long left = deadline - System.currentTimeMillis();
      if (left <= 0) {
        break;
      }
      wait(left);
    }
    return new Versioned(version, latest);
  }

  synchronized boolean closed() {
    return closed;
  }

  private void poll() {
    while (true) {
      synchronized (this) {
        if (!signalled && !closed) {
          try {
            wait(POLL_MS);
          } catch (InterruptedException e) {
            return;
          }
        }
        if (closed) {
          return;
        }
        signalled = false;
      }
      refresh();
    }
  }

  private void refresh() {
    String json;
    try {
      json = state.get();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "the page state could not be built", e);
      return;
    }
    synchronized (this) {
      if (!json.equals(latest)) {
        latest = json;
        version++;
        notifyAll();
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    notifyAll();
  }
}
