package com.kippu.simulator.web;

import com.kippu.atm.spi.TerminalProfile;
import com.kippu.simulator.Branch;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The branch the page serves and the parts of the page built on it; between sessions the tester
 * restarts the branch's terminal as another kind (bank ATM, in-company CD, kiosk, home PC), as a
 * bank restarts its ATM software with another configuration. The branch keeps its directory, so
 * accounts, cards, tickets and the journal survive the restart. Every request reads the parts under
 * a read lock; the restart takes the write lock, so no request sees a half-closed branch.
 */
final class ServedBranch implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ServedBranch.class.getName());
  private static final long WAIT_SECONDS = 60;

  /** Opens the branch with its terminal of a kind (in the same directory each time). */
  @FunctionalInterface
  interface Opener {
    Branch open(TerminalProfile.Kind kind) throws Exception;
  }

  /** The branch and the page's parts on it, replaced together at a restart. */
  record Parts(Branch branch, WebBranch web, HostPanel host, PageState state) {}

  /** What a request does with the parts; it may refuse. */
  @FunctionalInterface
  interface Use<T> {
    T with(Parts parts) throws WebRefusal, java.io.IOException;
  }

  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock(true);
  private final Opener opener;
  private final Runnable changed;
  private TerminalProfile.Kind kind;
  private Parts parts;
  private boolean closed;

  private ServedBranch(Branch branch, Opener opener, Runnable changed) {
    this.opener = opener;
    this.changed = changed;
    this.kind = kindOf(branch);
    this.parts = parts(branch);
  }

  /** A branch started elsewhere (a test's, the demo's): its terminal kind stays as it is. */
  static ServedBranch fixed(Branch branch, Runnable changed) {
    return new ServedBranch(branch, null, changed);
  }

  /** A branch the page opens, restarts as another kind and closes when it stops. */
  static ServedBranch owned(Opener opener, TerminalProfile.Kind kind, Runnable changed)
      throws Exception {
    return new ServedBranch(opener.open(kind), opener, changed);
  }

  private Parts parts(Branch branch) {
    WebBranch web = new WebBranch(branch, changed);
    HostPanel host = new HostPanel(branch);
    return new Parts(branch, web, host, new PageState(web, host));
  }

  private static TerminalProfile.Kind kindOf(Branch branch) {
    return TerminalProfile.Kind.valueOf(
        branch.pluginProperties().getProperty("terminal.kind", "BANK_ATM"));
  }

  /** Runs {@code use} on the current parts; refused while the terminal restarts too long. */
  <T> T read(Use<T> use) throws WebRefusal, java.io.IOException {
    try {
      if (!lock.readLock().tryLock(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new WebRefusal(503, "The terminal is restarting: try again in a moment.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new WebRefusal(503, "The simulator is shutting down.");
    }
    try {
      if (closed) {
        throw new WebRefusal(503, "The simulator is shutting down.");
      }
      return use.with(parts);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The terminal kind and the kinds a tester may choose, for the page. */
  Map<String, Object> kinds() {
    Map<String, Object> k = new LinkedHashMap<>();
    k.put("current", kind.name());
    k.put("label", label(kind));
    k.put("changeable", opener != null);
    k.put(
        "choices",
        Arrays.stream(TerminalProfile.Kind.values())
            .map(c -> Map.of("kind", c.name(), "label", label(c)))
            .toList());
    return k;
  }

  static String label(TerminalProfile.Kind kind) {
    return switch (kind) {
      case BANK_ATM -> "bank ATM";
      case IN_COMPANY_CD -> "in-company CD";
      case KIOSK -> "kiosk";
      case HOME_PC -> "home PC";
    };
  }

  /**
   * Restarts the terminal as {@code wanted}: refused while a session runs or a card is in the slot,
   * and when the page did not open the branch itself. What happened, in words.
   */
  String restartAs(String wanted) throws WebRefusal {
    TerminalProfile.Kind next =
        Arrays.stream(TerminalProfile.Kind.values())
            .filter(k -> k.name().equals(wanted))
            .findFirst()
            .orElseThrow(
                () ->
                    new WebRefusal(
                        400,
                        "There is no terminal kind '"
                            + wanted
                            + "': choose BANK_ATM, IN_COMPANY_CD, KIOSK or HOME_PC."));
    if (opener == null) {
      throw new WebRefusal(
          409,
          "This page serves a branch started by another program: its terminal stays a "
              + label(kind)
              + ".");
    }
    lock.writeLock().lock();
    try {
      if (closed) {
        throw new WebRefusal(503, "The simulator is shutting down.");
      }
      if (parts.web().sessionRunning() || parts.branch().slot().card().isPresent()) {
        throw new WebRefusal(
            409,
            "A session is under way (or a card is in the slot): finish it, take the card, then"
                + " change the terminal kind. Nothing was changed.");
      }
      if (next == kind) {
        return "The terminal is a " + label(kind) + " already.";
      }
      String language = parts.web().language().getLanguage();
      TerminalProfile.Kind before = kind;
      closeParts();
      Branch reopened;
      try {
        reopened = opener.open(next);
        kind = next;
      } catch (Exception e) {
        LOG.log(Level.SEVERE, "the terminal did not restart as " + next, e);
        try {
          parts = parts(opener.open(before));
        } catch (Exception again) {
          LOG.log(Level.SEVERE, "the terminal did not restart as " + before + " either", again);
          closed = true;
          throw new WebRefusal(
              500, "The terminal could not restart (" + again.getMessage() + "): stop the page.");
        }
        throw new WebRefusal(
            500,
            "The terminal could not restart as a "
                + label(next)
                + " ("
                + e.getMessage()
                + "); it is a "
                + label(before)
                + " again.");
      }
      parts = parts(reopened);
      parts.web().language(language);
      String said =
          "The terminal restarted as a " + label(next) + " (it was a " + label(before) + ").";
      parts.web().notice(said);
      return said;
    } finally {
      lock.writeLock().unlock();
      changed.run();
    }
  }

  private void closeParts() {
    parts.web().close();
    if (opener != null) {
      parts.branch().close();
    }
  }

  @Override
  public void close() {
    lock.writeLock().lock();
    try {
      if (!closed) {
        closed = true;
        closeParts();
      }
    } finally {
      lock.writeLock().unlock();
    }
  }
}
