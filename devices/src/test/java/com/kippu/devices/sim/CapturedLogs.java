package com.kippu.devices.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every java.util.logging record (System.Logger's default backend) published while open, at every
 * level, rendered with its parameters and thrown exception chain, for asserting what never appears
 * in a log.
 */
final class CapturedLogs extends Handler implements AutoCloseable {

  private final Logger root = Logger.getLogger("");
  private final Level previous = root.getLevel();
  private final List<String> texts = new ArrayList<>();

  private CapturedLogs() {
    setLevel(Level.ALL);
    root.addHandler(this);
    root.setLevel(Level.ALL);
  }

  static CapturedLogs start() {
    return new CapturedLogs();
  }

  @Override
  public synchronized void publish(LogRecord r) {
    StringBuilder b = new StringBuilder(String.valueOf(r.getMessage()));
    if (r.getParameters() != null) {
      for (Object p : r.getParameters()) {
        b.append(' ').append(p);
      }
    }
    for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
      b.append(' ').append(t);
    }
    texts.add(b.toString());
  }

  /** The records that contain {@code secret}. */
  synchronized List<String> containing(String secret) {
    return texts.stream().filter(t -> t.contains(secret)).toList();
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    root.removeHandler(this);
    root.setLevel(previous);
  }
}
