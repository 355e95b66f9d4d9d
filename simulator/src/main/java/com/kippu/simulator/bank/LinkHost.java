package com.kippu.simulator.bank;

import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.LinkChannel;
import com.kippu.iso8583.LinkTls;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.NetworkManagementCode;
import com.kippu.iso8583.ResponseCode;
import com.kippu.iso8583.spec.MessageValidator;
import com.kippu.iso8583.spec.SpecViolationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import org.jpos.core.ConfigurationException;
import org.jpos.core.SimpleConfiguration;
import org.jpos.iso.BaseChannel;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISORequestListener;
import org.jpos.iso.ISOServer;
import org.jpos.iso.ISOServerSocketFactory;
import org.jpos.iso.ISOSource;

/**
 * A simulated host on one link: a jPOS ISOServer on 127.0.0.1 with the link's strict NAC channel,
 * checking every request before its {@link Handler} sees it. A request that breaks its spec page is
 * answered 30 (the host log names the field, never its value), one whose MAC does not verify is
 * answered 63; neither reaches the handler, so nothing is applied. 0800 is handled here (sign-on,
 * sign-off, echo, key change). Requests are processed on a worker pool, or, for an {@link
 * AsyncHandler}, checked on the session thread and answered by a responder thread once the
 * handler's store committed, so one connection carries many requests in flight either way; an
 * unreadable, short or oversized frame, or a client vanishing mid-frame, is logged and dropped
 * while other clients keep being served.
 */
public final class LinkHost implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LinkHost.class.getName());
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  /** Fields never sent back in a response: card data, PIN block, MACs (re-computed). */
  private static final int[] NOT_ECHOED = {
    Field.PAN, Field.EXPIRATION_DATE, Field.PIN_BLOCK, Field.MAC, Field.MAC_SECONDARY
  };

  private static final Set<String> NETWORK_CODES =
      Set.of(
          NetworkManagementCode.SIGN_ON,
          NetworkManagementCode.SIGN_OFF,
          NetworkManagementCode.ECHO_TEST,
          NetworkManagementCode.KEY_CHANGE);

  /** The host application behind the checks: answers one authentic, well-formed request. */
  public interface Handler {
    /** The response to {@code request} (use {@link LinkHost#respond}); never null. */
    ISOMsg answer(ISOMsg request) throws ISOException;
  }

  /**
   * A handler whose answers wait for a store (e.g. a group commit) without holding a thread: the
   * host calls it on the connection's session thread, and MACs and sends the answer on its
   * responder thread once the stage completes. Requests of one connection are thus checked in order
   * while their store work is batched.
   */
  public interface AsyncHandler extends Handler {
    /**
     * The response to {@code request}, completing once it may be sent (the store committed); never
     * completes with null.
     */
    CompletionStage<ISOMsg> answerAsync(ISOMsg request) throws ISOException;

    @Override
    default ISOMsg answer(ISOMsg request) throws ISOException {
      try {
        return answerAsync(request).toCompletableFuture().join();
      } catch (CompletionException e) {
        if (e.getCause() instanceof ISOException i) {
          throw i;
        }
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw e;
      }
    }
  }

  private final Link link;
  private final ISOServer server;
  private final Thread acceptor;
  private final ExecutorService workers;
  private final ExecutorService responder;
  private final HostSecurity security;
  private final int port;
  private final Listener listener;

  private LinkHost(
      Link link,
      ISOServer server,
      Thread acceptor,
      ExecutorService workers,
      ExecutorService responder,
      HostSecurity security,
      int port,
      Listener listener) {
    this.link = link;
    this.server = server;
    this.acceptor = acceptor;
    this.workers = workers;
    this.responder = responder;
    this.security = security;
    this.port = port;
    this.listener = listener;
  }

  /**
   * Starts listening on 127.0.0.1:{@code port} (0 picks a free port; bound when this returns).
   *
   * @param idleTimeout a connection silent this long, e.g. one that sent half a frame, is closed
   * @param workerThreads requests processed at once (across connections)
   */
  public static LinkHost start(
      Link link,
      int port,
      HostSecurity security,
      Handler handler,
      Duration idleTimeout,
      int workerThreads,
      String name)
      throws IOException {
    return start(link, port, security, handler, idleTimeout, workerThreads, name, Optional.empty());
  }

  /**
   * As {@link #start(Link, int, HostSecurity, Handler, Duration, int, String)}, with TLS if given.
   */
  public static LinkHost start(
      Link link,
      int port,
      HostSecurity security,
      Handler handler,
      Duration idleTimeout,
      int workerThreads,
      String name,
      Optional<LinkTls> tls)
      throws IOException {
    Objects.requireNonNull(link, "link");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(handler, "handler");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    PreBoundSockets sockets = new PreBoundSockets(port, tls);
    LinkChannel clientSide = LinkChannel.of(link);
    try {
      clientSide.setTimeout((int) idleTimeout.toMillis());
    } catch (SocketException e) {
      sockets.close();
      throw e;
    }
    ISOServer server = new ISOServer(sockets.port(), clientSide, null);
    server.setSocketFactory(sockets);
    try {
      SimpleConfiguration cfg = new SimpleConfiguration();
      // An unreadable frame is logged and skipped; NAC framing keeps the stream in step.
      cfg.put("ignore-iso-exceptions", "true");
      server.setConfiguration(cfg);
    } catch (ConfigurationException e) {
      sockets.close();
      throw new IllegalStateException(name + " misconfigured", e);
    }
    org.jpos.util.Logger logger = new org.jpos.util.Logger();
    logger.addListener(new SessionWarningGuard());
    logger.addListener(new JulLogListener());
    server.setLogger(logger, name);
    AtomicInteger threads = new AtomicInteger();
    ExecutorService workers =
        Executors.newFixedThreadPool(
            workerThreads,
            r -> {
              Thread t = new Thread(r, name + "-worker-" + threads.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
    ExecutorService responder =
        Executors.newSingleThreadExecutor(
            r -> {
              Thread t = new Thread(r, name + "-responder");
              t.setDaemon(true);
              return t;
            });
    Listener listener =
        new Listener(
            link,
            clientSide.getPackager(),
            security,
            handler,
            workers,
            responder,
            tls.map(LinkTls::requiresClientCertificates).orElse(false));
    server.addISORequestListener(listener);
    Thread acceptor = new Thread(server, name + "-" + sockets.port());
    acceptor.setDaemon(true);
    acceptor.start();
    return new LinkHost(
        link, server, acceptor, workers, responder, security, sockets.port(), listener);
  }

  public int port() {
    return port;
  }

  public Link link() {
    return link;
  }

  public HostSecurity security() {
    return security;
  }

  /** Fault switch: the next {@code count} requests are processed but not answered. */
  public void dropResponses(int count) {
    listener.toDrop.addAndGet(requireNonNegative(count));
  }

  /** Fault switch: the answers to the next {@code count} requests are sent twice. */
  public void duplicateResponses(int count) {
    listener.toDuplicate.addAndGet(requireNonNegative(count));
  }

  /** Fault switch: the next {@code count} answers are kept until {@link #releaseHeld()}. */
  public void holdResponses(int count) {
    listener.toHold.addAndGet(requireNonNegative(count));
  }

  /**
   * Fault switch: the next {@code count} requests are processed as usual (money moves) and their
   * answers sent {@code delay} late, as a slow host answers; a later call sets the delay for all.
   */
  public void delayResponses(int count, Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    listener.delayMs.set(delay.toMillis());
    listener.toDelay.addAndGet(requireNonNegative(count));
  }

  /** Answers still to be lost, delayed and kept back by the armed switches (not yet fired). */
  public Armed armed() {
    int kept;
    synchronized (listener.held) {
      kept = listener.held.size();
    }
    return new Armed(
        listener.toDrop.get(),
        listener.toDelay.get(),
        Duration.ofMillis(listener.delayMs.get()),
        listener.toHold.get(),
        kept);
  }

  /**
   * The fault switches armed but not yet fired (each count is of answers still to come), and the
   * answers kept back now, waiting for {@link #releaseHeld()}.
   */
  public record Armed(int drops, int delays, Duration delay, int holds, int keptBack) {}

  /**
   * Sends the held answers now, late, and disarms holds not used yet (the slow answer is over);
   * returns how many were sent.
   */
  public int releaseHeld() {
    listener.toHold.set(0);
    List<Held> late;
    synchronized (listener.held) {
      late = new ArrayList<>(listener.held);
      listener.held.clear();
    }
    late.forEach(h -> listener.send(h.source(), h.response()));
    return late.size();
  }

  /** Requests received with MTI {@code mti}, answered or not. */
  public long received(String mti) {
    AtomicLong n = listener.received.get(mti);
    return n == null ? 0 : n.get();
  }

  /** Requests refused before the handler: format errors (30) and MAC failures (63). */
  public long refused(ResponseCode code) {
    AtomicLong n = listener.refused.get(code);
    return n == null ? 0 : n.get();
  }

  /**
   * Fault switch: every client connection open now is closed from the host's side, as a line
   * dropping would; the terminals reconnect. Returns how many were closed.
   */
  public int dropConnections() {
    int dropped = 0;
    for (String name : server.getISOChannelNames().split(" ")) {
      org.jpos.iso.ISOChannel channel = name.isBlank() ? null : server.getISOChannel(name);
      if (channel != null && channel.isConnected()) {
        try {
          channel.disconnect();
          dropped++;
        } catch (java.io.IOException e) {
          // Already gone: the line is down either way.
        }
      }
    }
    return dropped;
  }

  /** Client connections open now. */
  public int activeConnections() {
    return server.getActiveConnections();
  }

  /**
   * A response to {@code request} with {@code code}: the request's fields echoed except card data,
   * PIN block and MACs; the MAC is added when it is sent.
   */
  public static ISOMsg respond(ISOMsg request, ResponseCode code) {
    try {
      ISOMsg response = (ISOMsg) request.clone();
      response.setResponseMTI();
      response.unset(NOT_ECHOED);
      response.set(Field.RESPONSE_CODE, code.code());
      return response;
    } catch (ISOException e) {
      throw new IllegalStateException("cannot build response to " + describe(request), e);
    }
  }

  /** Identifies a message in logs without card, account or PIN fields. */
  public static String describe(ISOMsg m) {
    return "mti="
        + m.getString(0)
        + " term="
        + m.getString(Field.TERMINAL_ID)
        + " stan="
        + m.getString(Field.STAN);
  }

  /** Stops accepting, disconnects every client, stops the workers (bounded waits). */
  @Override
  public void close() {
    server.shutdown();
    workers.shutdown();
    responder.shutdown();
    try {
      acceptor.join(STOP_WAIT.toMillis());
      workers.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      responder.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int requireNonNegative(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    return count;
  }

  private record Held(ISOSource source, ISOMsg response) {}

  /**
   * Whether the TLS client certificate on {@code source}'s connection names {@code terminalId} (its
   * subject's common name): any terminal the bank trusts must not speak as another.
   */
  static boolean certificateNames(ISOSource source, String terminalId) {
    if (terminalId == null
        || !(source instanceof BaseChannel channel)
        || !(channel.getSocket() instanceof SSLSocket tls)) {
      return false;
    }
    try {
      LdapName subject = new LdapName(tls.getSession().getPeerPrincipal().getName());
      return subject.getRdns().stream()
          .anyMatch(
              rdn ->
                  rdn.getType().equalsIgnoreCase("CN")
                      && terminalId.trim().equals(String.valueOf(rdn.getValue())));
    } catch (SSLPeerUnverifiedException | InvalidNameException e) {
      return false;
    }
  }

  /**
   * Receives on the session thread; processes on a worker, or, for an {@link AsyncHandler}, checks
   * on the session thread and answers on the responder.
   */
  private static final class Listener implements ISORequestListener {
    private final Link link;
    private final ISOPackager packager;
    private final MessageValidator validator;
    private final HostSecurity security;
    private final Handler handler;
    private final ExecutorService workers;
    private final ExecutorService responder;
    private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
    private final Map<ResponseCode, AtomicLong> refused = new ConcurrentHashMap<>();
    private final AtomicInteger toDrop = new AtomicInteger();
    private final AtomicInteger toHold = new AtomicInteger();
    private final AtomicInteger toDelay = new AtomicInteger();
    private final AtomicLong delayMs = new AtomicLong();
    private final AtomicInteger toDuplicate = new AtomicInteger();
    private final List<Held> held = new ArrayList<>();
    private final boolean clientCertificates;
    private final WarningBudget refusals = new WarningBudget(new WeakHashMap<>());

    /**
     * @param packager the server channel's own, so a MACed answer goes out as the image its MAC
     *     covers
     * @param clientCertificates when true, a terminal may speak only as the terminal id (field 41)
     *     its TLS certificate names
     */
    Listener(
        Link link,
        ISOPackager packager,
        HostSecurity security,
        Handler handler,
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
      if (clientCertificates && !certificateNames(source, m.getString(41))) {
        LOG.warning(
            () ->
                describe(m)
                    + " dropped: terminal "
                    + m.getString(41)
                    + " is not the one its TLS certificate names");
        return true;
      }
      if (handler instanceof AsyncHandler async) {
        CompletionStage<Reply> answer;
        try {
          answer = answerAsync(async, source, m);
        } catch (ISOException | RuntimeException e) {
          answer = CompletableFuture.failedFuture(e);
        }
        try {
          answer.whenCompleteAsync((r, e) -> finish(source, m, r, e), responder);
        } catch (RejectedExecutionException e) {
          LOG.warning(() -> "host stopping, " + describe(m) + " not answered");
        }
        return true;
      }
      try {
        workers.execute(() -> processNow(source, m));
      } catch (RejectedExecutionException e) {
        LOG.warning(() -> "host stopping, " + describe(m) + " not processed");
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
     * whoever altered or copied the request tell the terminal "refused" while the original,
     * relayed, moved the money.
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
            "request " + describe(m) + " failed: " + cause.getClass().getSimpleName());
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
          LOG.warning(() -> "answer to " + describe(m) + " could not be MACed");
        }
      }
      if (take(toDrop)) {
        LOG.info(() -> "fault injected: answer to " + describe(m) + " dropped");
        return;
      }
      if (take(toHold)) {
        LOG.info(() -> "fault injected: answer to " + describe(m) + " held back");
        ISOMsg late = response;
        synchronized (held) {
          held.add(new Held(source, late));
        }
        return;
      }
      if (take(toDelay)) {
        long late = delayMs.get();
        LOG.info(() -> "fault injected: answer to " + describe(m) + " sent " + late + " ms late");
        ISOMsg slow = response;
        CompletableFuture.runAsync(
            () -> send(source, slow),
            CompletableFuture.delayedExecutor(late, TimeUnit.MILLISECONDS, responder));
        return;
      }
      send(source, response);
      if (take(toDuplicate)) {
        LOG.info(() -> "fault injected: answer to " + describe(m) + " sent twice");
        send(source, response);
      }
    }

    private Reply answer(ISOSource source, ISOMsg m) throws ISOException {
      if (!m.isRequest()) {
        LOG.warning(() -> "not a request, ignored: " + describe(m));
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
    private CompletionStage<Reply> answerAsync(AsyncHandler async, ISOSource source, ISOMsg m)
        throws ISOException {
      if (!m.isRequest()) {
        LOG.warning(() -> "not a request, ignored: " + describe(m));
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
     * MACed only when the request's MAC verifies, a 63 never. Only the first refusals of a
     * connection are logged in full (a {@link WarningBudget}).
     */
    private Reply refusal(ISOSource source, ISOMsg m) {
      try {
        validator.validate(m);
      } catch (SpecViolationException e) {
        count(ResponseCode.FORMAT_ERROR);
        logRefusal(source, Level.INFO, m, "refused 30: " + e.getMessage());
        return new Reply(respond(m, ResponseCode.FORMAT_ERROR), verifies(m));
      }
      if (!security.verify(m, packager)) {
        count(ResponseCode.SECURITY_VIOLATION);
        logRefusal(source, Level.WARNING, m, "refused 63: MAC does not verify, answered unMACed");
        return new Reply(respond(m, ResponseCode.SECURITY_VIOLATION), false);
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
        LOG.log(level, () -> link.slug() + " " + describe(m) + " " + why + more);
      } else if (WarningBudget.milestone(n)) {
        LOG.log(
            level, () -> link.slug() + " " + n + " refusals on one connection, the last " + why);
      }
    }

    private ISOMsg networkManagement(ISOMsg m) throws ISOException {
      String code = m.getString(Field.NETWORK_MANAGEMENT_CODE);
      if (!NETWORK_CODES.contains(code)) {
        return respond(m, ResponseCode.FORMAT_ERROR);
      }
      ISOMsg response = respond(m, ResponseCode.APPROVED);
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
        return request.isRequest() ? respond(request, ResponseCode.SYSTEM_MALFUNCTION) : null;
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
        LOG.warning(() -> "could not answer " + describe(response) + ": " + e.getMessage());
      }
    }

    private static boolean take(AtomicInteger counter) {
      return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }
  }

  /** An answer, and whether the request it answers passed the MAC check (only then is it MACed). */
  private record Reply(ISOMsg response, boolean authenticated) {
    static Reply authenticated(ISOMsg response) {
      return response == null ? null : new Reply(response, true);
    }
  }

  /**
   * A per-connection log-flood guard: the first {@link #IN_FULL} warnings of a connection are
   * logged in full, after that only a count at the 10th, 100th, 1000th..., so a terminal that sends
   * nothing but garbage cannot fill the host's log.
   */
  static final class WarningBudget {
    static final int IN_FULL = 5;

    private final Map<Object, long[]> counts;

    /** {@code counts} keyed by connection; a weak map for keys that die with their connection. */
    WarningBudget(Map<Object, long[]> counts) {
      this.counts = counts;
    }

    /**
     * A budget for keys that do not die with their connection (names): it keeps the {@code
     * connections} most recently warned about, so one whose end was never reported cannot stay
     * forever.
     */
    static WarningBudget bounded(int connections) {
      return new WarningBudget(
          new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Object, long[]> eldest) {
              return size() > connections;
            }
          });
    }

    /** Counts one more warning on {@code connection} and returns how many it has had. */
    synchronized long next(Object connection) {
      return ++counts.computeIfAbsent(connection, k -> new long[1])[0];
    }

    /** Forgets {@code connection} and returns how many warnings it had. */
    synchronized long forget(Object connection) {
      long[] count = counts.remove(connection);
      return count == null ? 0 : count[0];
    }

    /** Whether the {@code n}th warning of a connection is logged in full. */
    static boolean inFull(long n) {
      return n <= IN_FULL;
    }

    /** Whether the {@code n}th warning, past the ones in full, is logged as a count. */
    static boolean milestone(long n) {
      if (n <= IN_FULL) {
        return false;
      }
      while (n % 10 == 0) {
        n /= 10;
      }
      return n == 1;
    }
  }

  /**
   * Applies a {@link WarningBudget} to the jPOS server's per-session warnings (unreadable frames),
   * keyed by session; when a session ends, says how many of its warnings were left out.
   */
  private static final class SessionWarningGuard implements org.jpos.util.LogListener {
    private static final Set<String> WARNINGS = Set.of("warn", "error", "ISOException");

    /** Far more than the sessions a host serves at once. */
    static final int SESSIONS_TRACKED = 1_000;

    // Keyed by the session's name: jPOS logs session-end on the usual ends, but not when a
    // disconnect listener fails, so the map is bounded as well.
    private final WarningBudget budget = WarningBudget.bounded(SESSIONS_TRACKED);

    @Override
    public org.jpos.util.LogEvent log(org.jpos.util.LogEvent ev) {
      String session = ev.getRealm();
      if (session == null || !session.contains(".session/")) {
        return ev;
      }
      if ("session-end".equals(ev.getTag())) {
        long total = budget.forget(session);
        if (total > WarningBudget.IN_FULL) {
          LOG.warning(
              () ->
                  session
                      + " ended after "
                      + total
                      + " warnings; "
                      + (total - WarningBudget.IN_FULL)
                      + " of them were only counted");
        }
        return ev;
      }
      if (!WARNINGS.contains(ev.getTag())) {
        return ev;
      }
      long n = budget.next(session);
      if (WarningBudget.inFull(n)) {
        if (n == WarningBudget.IN_FULL) {
          ev.addMessage("further warnings of this session are only counted");
        }
        return ev;
      }
      if (WarningBudget.milestone(n)) {
        LOG.warning(() -> session + ": " + n + " warnings so far, the first ones logged in full");
      }
      return null;
    }
  }

  /**
   * Binds the listening socket before the server thread starts, so the real port of an ephemeral
   * bind is known and bind errors reach the caller. jPOS asks again only after closing the socket
   * (pool exhaustion); it then gets a fresh socket on the same port.
   */
  private static final class PreBoundSockets implements ISOServerSocketFactory {
    private final InetAddress loopback = InetAddress.getLoopbackAddress();
    private ServerSocket first;
    private final int port;
    private final Optional<LinkTls> tls;

    PreBoundSockets(int requested, Optional<LinkTls> tls) throws IOException {
      this.tls = tls;
      first = bind(requested);
      port = first.getLocalPort();
    }

    int port() {
      return port;
    }

    @Override
    public synchronized ServerSocket createServerSocket(int ignored) throws IOException {
      if (first != null) {
        ServerSocket s = first;
        first = null;
        return s;
      }
      return bind(port);
    }

    synchronized void close() {
      try {
        if (first != null) {
          first.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    private ServerSocket bind(int p) throws IOException {
      if (tls.isPresent()) {
        return tls.get().serverSocket(new InetSocketAddress(loopback, p));
      }
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(loopback, p));
      return s;
    }
  }
}
