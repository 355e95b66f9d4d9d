package com.kippu.atm.bank;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.TransferResult;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.ResponseCode;
import com.kippu.iso8583.security.SecurityModuleException;
import com.kippu.iso8583.spec.SpecViolationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOResponseListener;

/**
 * The one path of every financial request (0200, 0100): its reversal is stored ARMED with the STAN
 * before anything leaves, and only a valid answer disarms it (a decline) or keeps it as an
 * approval; without one the reversal turns pending and is tried once, and the outcome is reported
 * unknown. Nothing leaves before its reversal is on disk, and nothing is reported before the disarm
 * is.
 */
final class ArmedExchange {
  private static final Logger LOG = Logger.getLogger(ArmedExchange.class.getName());

  private final LinkExchange link;
  private final ReversalQueue reversals;
  private final ReversalDelivery delivery;

  ArmedExchange(LinkExchange link, ReversalQueue reversals, ReversalDelivery delivery) {
    this.link = link;
    this.reversals = reversals;
    this.delivery = delivery;
  }

  /** The answer to a financial request and the transmission it was sent under. */
  record Answered(ISOMsg response, Transmission transmission) {
    /** The answer's response code, RRN (the request's when absent) and approval code. */
    TransferResult result() {
      String rc = response.getString(Field.RESPONSE_CODE);
      String rrn =
          response.hasField(Field.RRN)
              ? response.getString(Field.RRN)
              : transmission.retrievalReference();
      boolean approved = ResponseCode.APPROVED.code().equals(rc);
      String approval =
          approved && response.hasField(Field.APPROVAL_CODE)
              ? response.getString(Field.APPROVAL_CODE).trim()
              : "";
      return new TransferResult(rc, transmission.stan().value(), rrn, approval, transmission.at());
    }
  }

  /** Builds a financial request for the transmission it goes under. */
  @FunctionalInterface
  interface RequestBuilder {
    ISOMsg build(Transmission t)
        throws ISOException, SpecViolationException, SecurityModuleException;
  }

  /** Stores the reversal of a financial request and takes its STAN, without waiting. */
  @FunctionalInterface
  interface Arming {
    CompletableFuture<ReversalQueue.Armed> arm();
  }

  /**
   * Arms, sends and waits for the answer of one financial request.
   *
   * <p>The steps run where their input arrives, as a {@link Flight}: the request is built, MACed
   * and handed to the mux by the link state's writer right after the reversal is committed; the
   * answer is checked by the thread that receives it, which queues the disarm; the disarm's commit
   * completes the flight. The caller waits once, for the end, and handles every other outcome.
   *
   * @param what names the request in messages, e.g. "transfer"
   * @param answerMti the MTI of the answer, for the log
   * @throws BankUnavailableException when nothing was sent or the outcome is unknown
   */
  Answered send(
      String what, String transactionId, String answerMti, Arming arming, RequestBuilder builder)
      throws BankUnavailableException {
    Flight flight = new Flight(builder);
    try {
      // No request leaves without its reversal on disk (see ReversalQueue); STAN and reversal are
      // committed together, and the flight sends the request only once that commit is done.
      arming.arm().whenComplete(flight::armed);
    } catch (LinkStateException | IllegalStateException e) {
      throw new BankUnavailableException(
          what + " " + transactionId + " not sent: could not be prepared", e);
    }
    Landing landing = flight.await();
    ReversalId armed = landing.armed();
    switch (landing.kind()) {
      case NOT_ARMED -> {
        if (landing.failure() instanceof LinkStateException
            || landing.failure() instanceof IllegalStateException) {
          throw new BankUnavailableException(
              what + " " + transactionId + " not sent: could not be prepared", landing.failure());
        }
        throw asUnchecked(landing.failure());
      }
      case NOT_PREPARED -> {
        delivery.disarmOrKeep(armed);
        throw new BankUnavailableException(
            what + " " + transactionId + " not sent: could not be prepared", landing.failure());
      }
      case NOT_SENT -> {
        // QMUX refuses before handing the message to the channel: nothing left the terminal.
        delivery.disarmOrKeep(armed);
        throw new BankUnavailableException(what + " could not be sent", landing.failure());
      }
      case SEND_FAILED -> {
        delivery.releaseAndTry(transactionId, armed);
        throw asUnchecked(landing.failure());
      }
      case NO_ANSWER -> {
        Stan stan = landing.transmission().stan();
        LOG.warning(
            () ->
                String.format(
                    "tx %s stan %s: no usable %s, reversing", transactionId, stan, answerMti));
        String reversal = delivery.releaseAndTry(transactionId, armed);
        throw new BankUnavailableException(
            "no answer to "
                + what
                + " "
                + transactionId
                + " within "
                + link.requestTimeout()
                + "; reversal "
                + reversal);
      }
      case NOT_DISARMED -> {
        // The stored reversal would undo this request after a restart, so the caller must not
        // rely on it either: report the outcome as unknown and let the reversal run.
        LOG.log(
            Level.SEVERE, "tx " + transactionId + ": answered but not disarmed", landing.failure());
        throw new BankUnavailableException(
            what
                + " "
                + transactionId
                + " answered, but its state could not be recorded; reversal "
                + delivery.releaseAndTry(transactionId, armed),
            landing.failure());
      }
      default -> {
        return new Answered(landing.response(), landing.transmission());
      }
    }
  }

  private static RuntimeException asUnchecked(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
  }

  /** How a {@link Flight} ended. */
  private enum LandingKind {
    /** The reversal could not be stored: nothing was armed, nothing sent. */
    NOT_ARMED,
    /** Armed, but the request could not be built or checked: nothing sent. */
    NOT_PREPARED,
    /** Armed, but the mux refused the request: nothing sent. */
    NOT_SENT,
    /** Armed, and the mux failed while taking the request: it may have left. */
    SEND_FAILED,
    /** Sent, and no usable answer in time: the outcome is unknown. */
    NO_ANSWER,
    /** Answered, and the disarm is on disk. */
    ANSWERED,
    /** Answered, but the disarm failed: the reversal stays armed. */
    NOT_DISARMED
  }

  private record Landing(
      LandingKind kind,
      ReversalId armed,
      Transmission transmission,
      ISOMsg response,
      Throwable failure) {}

  /**
   * One financial request from arming to disarming. Its state decides races: the request is sent
   * only from QUEUED, and its answer (or expiry) is used only from SENT; a caller that gives up
   * takes the flight to ABANDONED first, so a late answer is then only logged.
   */
  private final class Flight implements ISOResponseListener {
    private static final int QUEUED = 0;
    private static final int SENT = 1;
    private static final int SETTLING = 2;
    private static final int ABANDONED = 3;

    private final RequestBuilder builder;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final CompletableFuture<Landing> landed = new CompletableFuture<>();
    private volatile ReversalQueue.Armed armed;
    private volatile ISOMsg request;

    Flight(RequestBuilder builder) {
      this.builder = builder;
    }

    /** On the link state's writer, right after the arming commit (or its failure). */
    void armed(ReversalQueue.Armed a, Throwable failure) {
      if (failure != null) {
        if (state.compareAndSet(QUEUED, SETTLING)) {
          land(LandingKind.NOT_ARMED, null, unwrap(failure));
        }
        return;
      }
      armed = a;
      ISOMsg message;
      try {
        message = link.prepare(builder.build(a.transmission()));
      } catch (ISOException | SpecViolationException | RuntimeException e) {
        // A security module failure (no working keys) is a RuntimeException too.
        if (state.compareAndSet(QUEUED, SETTLING)) {
          land(LandingKind.NOT_PREPARED, null, e);
        } else {
          dropUnsent(a);
        }
        return;
      }
      request = message;
      if (!state.compareAndSet(QUEUED, SENT)) {
        dropUnsent(a);
        return;
      }
      try {
        link.send(message, this);
      } catch (ISOException e) {
        settle(LandingKind.NOT_SENT, null, e);
      } catch (RuntimeException e) {
        settle(LandingKind.SEND_FAILED, null, e);
      }
    }

    /**
     * The caller gave up before anything left: the armed reversal has nothing to undo. Called on
     * the writer, where the disarm runs at once in a transaction of its own.
     */
    private void dropUnsent(ReversalQueue.Armed a) {
      try {
        reversals.disarmAsync(a.id()).join();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, a.id() + " stays armed; reversed after restart", e);
      }
    }

    /** On the thread that received the answer: check it, then disarm. */
    @Override
    public void responseReceived(ISOMsg response, Object handBack) {
      ISOMsg answer = link.usable(request, response);
      if (!state.compareAndSet(SENT, SETTLING)) {
        link.countUnmatched();
        LOG.warning(
            () ->
                "late answer to stan "
                    + armed.transmission().stan()
                    + " ignored: the caller gave up, its reversal runs");
        return;
      }
      if (answer == null) {
        land(LandingKind.NO_ANSWER, null, null);
        return;
      }
      // An approval's reversal is kept (not sent) until the flow settles the payment: recovery may
      // still have to reverse it after a restart. A decline's is not needed.
      (ResponseCode.APPROVED.code().equals(answer.getString(Field.RESPONSE_CODE))
              ? reversals.keepApprovedAsync(armed.id())
              : reversals.disarmAsync(armed.id()))
          .whenComplete(
              (done, e) -> {
                if (e == null) {
                  land(LandingKind.ANSWERED, answer, null);
                } else {
                  land(LandingKind.NOT_DISARMED, null, unwrap(e));
                }
              });
    }

    /** On the mux's timer: no answer within the request timeout. */
    @Override
    public void expired(Object handBack) {
      settle(LandingKind.NO_ANSWER, null, null);
    }

    /** Lands from SENT only, so an expiry after the answer changes nothing. */
    private void settle(LandingKind kind, ISOMsg response, Throwable failure) {
      if (state.compareAndSet(SENT, SETTLING)) {
        land(kind, response, failure);
      }
    }

    private void land(LandingKind kind, ISOMsg response, Throwable failure) {
      ReversalQueue.Armed a = armed;
      landed.complete(
          new Landing(
              kind,
              a == null ? null : a.id(),
              a == null ? null : a.transmission(),
              response,
              failure));
    }

    /**
     * The landing. The mux's timer ends a sent flight at the request timeout; should the mux stop
     * first (the link closing), the caller gives up after a margin and treats it as no answer. An
     * interrupted caller gives up at once unless the disarm is being committed, and keeps its
     * interrupt flag: before sending, nothing leaves; after, the outcome is unknown.
     */
    Landing await() {
      long bound = link.requestTimeout().toMillis() + LinkExchange.STOPPED_MUX_MARGIN_MILLIS;
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return landed.get(bound, MILLISECONDS);
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (TimeoutException e) {
            // no landing within the bound: give up a sent flight below
          } catch (ExecutionException e) {
            throw new IllegalStateException("a flight lands, it does not fail", e);
          }
          if (state.compareAndSet(SENT, ABANDONED)) {
            return new Landing(LandingKind.NO_ANSWER, armed.id(), armed.transmission(), null, null);
          }
          if (interrupted && state.compareAndSet(QUEUED, ABANDONED)) {
            return new Landing(
                LandingKind.NOT_ARMED,
                null,
                null,
                null,
                new LinkStateException("interrupted waiting for the link state", null));
          }
          if (interrupted) {
            // Settling: the last commit is under way and ends on its own.
            return landed.join();
          }
          // Still arming: the link state answers (commits or fails) in the end.
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }
}
