package com.kippu.simulator.bank;

import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.NetworkManagementCode;
import com.kippu.iso8583.ResponseCode;
import com.kippu.iso8583.spec.MessageValidator;
import com.kippu.iso8583.spec.SpecViolationException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISORequestListener;
import org.jpos.iso.ISOSource;

/**
 * Receives on the session thread; processes on a worker, or, for an {@link AsyncHandler}, checks on
 * the session thread and answers on the responder.
 */
final class HostListener implements ISORequestListener {
  private static final Logger LOG = Logger.getLogger(LinkHost.class.getName());

  private static final Set<String> NETWORK_CODES =
      Set.of(
          NetworkManagementCode.SIGN_ON,
          NetworkManagementCode.SIGN_OFF,
          NetworkManagementCode.ECHO_TEST,
          NetworkManagementCode.KEY_CHANGE);

  /** An answer kept back by the hold switch, with the connection to send it on. */
  record Held(ISOSource source, ISOMsg response) {}

  private final Link link;
  private final ISOPackager packager;
  private final MessageValidator validator;
  private final HostSecurity security;
  private final LinkHost.Handler handler;
  private final ExecutorService workers;
  private final ExecutorService responder;
  final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
  final Map<ResponseCode, AtomicLong> refused = new ConcurrentHashMap<>();
  final AtomicInteger toDrop = new AtomicInteger();
  final AtomicInteger toHold = new AtomicInteger();
  final AtomicInteger toDelay = new AtomicInteger();
  final AtomicLong delayMs = new AtomicLong();
  final AtomicInteger toDuplicate = new AtomicInteger();
  final List<Held> held = new ArrayList<>();
  private final boolean clientCertificates;
  private final WarningBudget refusals = new WarningBudget(new WeakHashMap<>());

  /**
   * @param packager the server channel's own, so a MACed answer goes out as the image its MAC
   *     covers
   * @param clientCertificates when true, a terminal may speak only as the terminal id (field 41)
   *     its TLS certificate names
   */
  HostListener(
      Link link,
      ISOPackager packager,
      HostSecurity security,
      LinkHost.Handler handler,
      ExecutorService workers,
      ExecutorService responder,
      boolean clientCertificates) {
    this.clientCertificates = clientCertificates;
    this.link = link;
    this.packager = packager;
    this.validator = new MessageValidator(link);
    this.security = security;
    this.handler = handler;
    this.workers = workers;
    this.responder = responder;
  }

  @Override
  public boolean process(ISOSource source, ISOMsg m) {
    received
        .computeIfAbsent(String.valueOf(m.getString(0)), k -> new AtomicLong())
        .incrementAndGet();
    if (clientCertificates && !LinkHost.certificateNames(source, m.getString(41))) {
      LOG.warning(
          () ->
              LinkHost.describe(m)
                  + " dropped: terminal "
                  + m.getString(41)
                  + " is not the one its TLS certificate names");
      return true;
    }
    if (handler instanceof LinkHost.AsyncHandler async) {
      CompletionStage<Reply> answer;
      try {
        answer = answerAsync(async, source, m);
      } catch (ISOException | RuntimeException e) {
        answer = CompletableFuture.failedFuture(e);
      }
      try {
        answer.whenCompleteAsync((r, e) -> finish(source, m, r, e), responder);
      } catch (RejectedExecutionException e) {
        LOG.warning(() -> "host stopping, " + LinkHost.describe(m) + " not answered");
      }
      return true;
    }
    try {
      workers.execute(() -> processNow(source, m));
    } catch (RejectedExecutionException e) {
      LOG.warning(() -> "host stopping, " + LinkHost.describe(m) + " not processed");
    }
    return true;
  }

  private void processNow(ISOSource source, ISOMsg m) {
    Reply response;
    try {
      response = answer(source, m);
    } catch (ISOException | RuntimeException e) {
      finish(source, m, null, e);
      return;
    }
    finish(source, m, response, null);
  }

  /**
   * MACs and sends {@code reply} (a malfunction answer when {@code failure}), faults apart. The
   * answer to a request whose MAC did not verify goes out without a MAC: MACed, it would let
   * whoever altered or copied the request tell the terminal "refused" while the original, relayed,
   * moved the money.
   */
  private void finish(ISOSource source, ISOMsg m, Reply reply, Throwable failure) {
    ISOMsg response = reply == null ? null : reply.response();
    boolean authenticated = reply != null && reply.authenticated();
    if (failure != null) {
      Throwable cause =
          failure instanceof CompletionException && failure.getCause() != null
              ? failure.getCause()
              : failure;
      LOG.log(
          Level.WARNING,
          "request " + LinkHost.describe(m) + " failed: " + cause.getClass().getSimpleName());
      response = malfunction(m);
      // The failure may have come before the MAC check: MAC the 96 only for an authentic request.
      authenticated = response != null && verifies(m);
    }
    if (response == null) {
      return;
    }
    if (authenticated) {
      try {
        security.sign(response, packager);
      } catch (ISOException | RuntimeException e) {
        LOG.warning(() -> "answer to " + LinkHost.describe(m) + " could not be MACed");
      }
    }
    if (take(toDrop)) {
      LOG.info(() -> "fault injected: answer to " + LinkHost.describe(m) + " dropped");
      return;
    }
    if (take(toHold)) {
      LOG.info(() -> "fault injected: answer to " + LinkHost.describe(m) + " held back");
      ISOMsg late = response;
      synchronized (held) {
        held.add(new Held(source, late));
      }
      return;
    }
    if (take(toDelay)) {
      long late = delayMs.get();
      LOG.info(
          () -> "fault injected: answer to " + LinkHost.describe(m) + " sent " + late + " ms late");
      ISOMsg slow = response;
      CompletableFuture.runAsync(
          () -> send(source, slow),
          CompletableFuture.delayedExecutor(late, TimeUnit.MILLISECONDS, responder));
      return;
    }
    send(source, response);
    if (take(toDuplicate)) {
      LOG.info(() -> "fault injected: answer to " + LinkHost.describe(m) + " sent twice");
      send(source, response);
    }
  }

  private Reply answer(ISOSource source, ISOMsg m) throws ISOException {
    if (!m.isRequest()) {
      LOG.warning(() -> "not a request, ignored: " + LinkHost.describe(m));
      return null;
    }
    Reply refusal = refusal(source, m);
    if (refusal != null) {
      return refusal;
    }
    if (Mti.NETWORK_MANAGEMENT_REQUEST.equals(m.getMTI())) {
      return Reply.authenticated(networkManagement(m));
    }
    return Reply.authenticated(handler.answer(m));
  }

  /** As {@link #answer}, with the handler's store work left to complete on its own. */
  private CompletionStage<Reply> answerAsync(
      LinkHost.AsyncHandler async, ISOSource source, ISOMsg m) throws ISOException {
    if (!m.isRequest()) {
      LOG.warning(() -> "not a request, ignored: " + LinkHost.describe(m));
      return CompletableFuture.completedFuture(null);
    }
    Reply refusal = refusal(source, m);
    if (refusal != null) {
      return CompletableFuture.completedFuture(refusal);
    }
    if (Mti.NETWORK_MANAGEMENT_REQUEST.equals(m.getMTI())) {
      return CompletableFuture.completedFuture(Reply.authenticated(networkManagement(m)));
    }
    return async.answerAsync(m).thenApply(Reply::authenticated);
  }

  /**
   * The 30 or 63 answer to a request that breaks its spec or whose MAC fails; else null. A 30 is
   * MACed only when the request's MAC verifies, a 63 never. Only the first refusals of a connection
   * are logged in full (a {@link WarningBudget}).
   */
  private Reply refusal(ISOSource source, ISOMsg m) {
    try {
      validator.validate(m);
    } catch (SpecViolationException e) {
      count(ResponseCode.FORMAT_ERROR);
      logRefusal(source, Level.INFO, m, "refused 30: " + e.getMessage());
      return new Reply(LinkHost.respond(m, ResponseCode.FORMAT_ERROR), verifies(m));
    }
    if (!security.verify(m, packager)) {
      count(ResponseCode.SECURITY_VIOLATION);
      logRefusal(source, Level.WARNING, m, "refused 63: MAC does not verify, answered unMACed");
      return new Reply(LinkHost.respond(m, ResponseCode.SECURITY_VIOLATION), false);
    }
    return null;
  }

  /** Does {@code m}'s MAC verify? False also when a malformed message cannot be MACed at all. */
  private boolean verifies(ISOMsg m) {
    try {
      return security.verify(m, packager);
    } catch (RuntimeException e) {
      return false;
    }
  }

  private void logRefusal(ISOSource source, Level level, ISOMsg m, String why) {
    long n = refusals.next(source);
    if (WarningBudget.inFull(n)) {
      String more =
          n == WarningBudget.IN_FULL
              ? "; further refusals on this connection are only counted"
              : "";
      LOG.log(level, () -> link.slug() + " " + LinkHost.describe(m) + " " + why + more);
    } else if (WarningBudget.milestone(n)) {
      LOG.log(level, () -> link.slug() + " " + n + " refusals on one connection, the last " + why);
    }
  }

  private ISOMsg networkManagement(ISOMsg m) throws ISOException {
    String code = m.getString(Field.NETWORK_MANAGEMENT_CODE);
    if (!NETWORK_CODES.contains(code)) {
      return LinkHost.respond(m, ResponseCode.FORMAT_ERROR);
    }
    ISOMsg response = LinkHost.respond(m, ResponseCode.APPROVED);
    if (NetworkManagementCode.KEY_CHANGE.equals(code)) {
      response.set(
          Field.ADDITIONAL_DATA, security.changeWorkingKeys(m.getString(Field.TERMINAL_ID)));
      LOG.info(() -> link.slug() + " working keys changed for " + m.getString(Field.TERMINAL_ID));
    }
    return response;
  }

  private void count(ResponseCode code) {
    refused.computeIfAbsent(code, k -> new AtomicLong()).incrementAndGet();
  }

  private static ISOMsg malfunction(ISOMsg request) {
    try {
      return request.isRequest()
          ? LinkHost.respond(request, ResponseCode.SYSTEM_MALFUNCTION)
          : null;
    } catch (ISOException | RuntimeException e) {
      return null;
    }
  }

  void send(ISOSource source, ISOMsg response) {
    try {
      if (source.isConnected()) {
        source.send(response);
      }
    } catch (IOException | ISOException e) {
      LOG.warning(() -> "could not answer " + LinkHost.describe(response) + ": " + e.getMessage());
    }
  }

  private static boolean take(AtomicInteger counter) {
    return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  /** An answer, and whether the request it answers passed the MAC check (only then is it MACed). */
  private record Reply(ISOMsg response, boolean authenticated) {
    static Reply authenticated(ISOMsg response) {
      return response == null ? null : new Reply(response, true);
    }
  }
}
