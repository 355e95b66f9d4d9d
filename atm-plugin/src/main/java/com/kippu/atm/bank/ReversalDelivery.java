package com.kippu.atm.bank;

import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.ResponseCode;
import com.kippu.iso8583.security.SecurityModuleException;
import com.kippu.iso8583.spec.SpecViolationException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * Delivers the stored reversals of one link: each is sent as 0420, repeated as 0421 until the host
 * confirms it with a 0430 carrying 00, one at a time, and a background thread goes through the
 * pending ones right after connect (reversals left by an earlier process first) and at every retry
 * interval. What is pending lives in the {@link ReversalQueue}, so delivery survives restarts.
 */
final class ReversalDelivery {
  private static final Logger LOG = Logger.getLogger(ReversalDelivery.class.getName());

  private final LinkExchange link;
  private final ReversalQueue reversals;
  private final BankMessages messages;
  private final StanSource stans;
  private final Clock clock;
  private final Duration retryInterval;

  /** One reversal on the wire at a time: repeats share a QMUX key (41, 11) with their 0420. */
  private final ReentrantLock sendLock = new ReentrantLock();

  /** Notified whenever a reversal is confirmed. */
  private final Object confirmations = new Object();

  private volatile Sender sender;

  ReversalDelivery(
      LinkExchange link,
      ReversalQueue reversals,
      BankMessages messages,
      StanSource stans,
      Clock clock,
      Duration retryInterval) {
    this.link = link;
    this.reversals = reversals;
    this.messages = messages;
    this.stans = stans;
    this.clock = clock;
    this.retryInterval = retryInterval;
  }

  /** Starts the background repeats on a daemon thread named after {@code name}. */
  void start(String name) {
    sender = new Sender(name);
    sender.start();
  }

  /** Stops the background repeats, waiting for an attempt in progress; idempotent. */
  void stop() {
    Sender s = sender;
    if (s != null) {
      s.stop();
    }
  }

  /** Reversals stored and not yet confirmed by the host. */
  int pendingCount() {
    return reversals.pendingCount();
  }

  /** Waits until no reversal is pending or {@code timeout} passes; true when none is pending. */
  boolean awaitNoPending(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (confirmations) {
      while (reversals.pendingCount() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(confirmations, left);
      }
      return true;
    }
  }

  /** A request that certainly did not leave: its armed reversal is dropped (kept if that fails). */
  void disarmOrKeep(ReversalId armed) {
    try {
      reversals.disarm(armed);
    } catch (LinkStateException e) {
      LOG.log(Level.WARNING, armed + " stays armed; reversed after restart", e);
    }
  }

  /**
   * The request's outcome is unknown: its reversal becomes pending and is tried once.
   *
   * @return how it went, for the caller's message
   */
  String releaseAndTry(String transactionId, ReversalId armed) {
    try {
      reversals.release(armed);
      return attempt(armed) == Outcome.CONFIRMED ? "confirmed" : "queued";
    } catch (LinkStateException e) {
      LOG.log(Level.SEVERE, "tx " + transactionId + ": reversal not released", e);
      return "stored, sent after restart";
    }
  }

  /**
   * Tries reversal {@code id} once and returns once the host confirmed it.
   *
   * @throws BankUnavailableException when it was not confirmed; it stays queued
   */
  void confirmOrThrow(ReversalId id, String transactionId) throws BankUnavailableException {
    Outcome outcome;
    try {
      outcome = attempt(id);
    } catch (LinkStateException e) {
      throw new BankUnavailableException(
          "reversal of " + transactionId + " queued but not sent", e);
    }
    if (outcome != Outcome.CONFIRMED) {
      throw new BankUnavailableException(
          "reversal of "
              + transactionId
              + " not confirmed ("
              + outcome.description
              + "); it stays queued and is repeated until the host confirms it");
    }
  }

  /** One attempt to deliver reversal {@code id}; never two at once. */
  private Outcome attempt(ReversalId id) {
    sendLock.lock();
    try {
      if (!link.isConnected()) {
        return Outcome.LINK_DOWN;
      }
      PendingReversal r =
          reversals
              .beginAttempt(id, () -> Transmission.next(stans, clock), clock.instant())
              .orElse(null);
      if (r == null) {
        return Outcome.CONFIRMED; // by an earlier attempt: nothing pending under this id
      }
      ISOMsg answer;
      try {
        answer = link.exchange(link.prepare(messages.reversal(r, r.transmission(clock.getZone()))));
      } catch (ISOException | SpecViolationException | SecurityModuleException e) {
        LOG.log(Level.WARNING, "reversal " + r + " not sent", e);
        return Outcome.NOT_SENT;
      }
      if (answer == null) {
        LOG.warning(() -> "reversal " + r + ": no valid 0430 within " + link.requestTimeout());
        return Outcome.UNANSWERED;
      }
      String rc = answer.getString(Field.RESPONSE_CODE);
      if (!ResponseCode.APPROVED.code().equals(rc)) {
        LOG.warning(() -> "reversal " + r + ": host answered rc=" + rc + ", stays queued");
        return Outcome.REFUSED;
      }
      reversals.confirm(id, clock.instant());
      synchronized (confirmations) {
        confirmations.notifyAll();
      }
      LOG.info(() -> "reversal " + r + " confirmed by " + r.mti());
      return Outcome.CONFIRMED;
    } finally {
      sendLock.unlock();
    }
  }

  private enum Outcome {
    CONFIRMED("confirmed"),
    LINK_DOWN("link down"),
    NOT_SENT("not sent"),
    UNANSWERED("no 0430 in time"),
    REFUSED("host did not answer 00");

    final String description;

    Outcome(String description) {
      this.description = description;
    }
  }

  /**
   * The single daemon thread that repeats pending reversals. A round stops at the first unanswered
   * attempt, since the host is then unlikely to answer the next one.
   */
  private final class Sender implements Runnable {
    private final Object wakeup = new Object();
    private final Thread thread;
    private volatile boolean stopped;

    Sender(String name) {
      thread = new Thread(this, "reversals-" + name);
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    /** Stops and waits for an attempt in flight, bounded by about one request timeout. */
    void stop() {
      stopped = true;
      synchronized (wakeup) {
        wakeup.notifyAll();
      }
      try {
        thread.join(link.requestTimeout().multipliedBy(2).plusSeconds(1).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void run() {
      while (!stopped) {
        try {
          deliverPending();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "reversal round failed; retrying", e);
        }
        try {
          synchronized (wakeup) {
            if (!stopped) {
              wakeup.wait(retryInterval.toMillis());
            }
          }
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void deliverPending() {
      if (!link.isConnected()) {
        return;
      }
      for (ReversalId id : reversals.pendingIds()) {
        if (stopped) {
          return;
        }
        Outcome outcome = attempt(id);
        if (outcome == Outcome.UNANSWERED || outcome == Outcome.LINK_DOWN) {
          return;
        }
      }
    }
  }
}
