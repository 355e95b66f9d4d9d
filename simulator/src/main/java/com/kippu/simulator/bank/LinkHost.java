package com.kippu.simulator.bank;

import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.LinkChannel;
import com.kippu.iso8583.LinkTls;
import com.kippu.iso8583.ResponseCode;
import java.io.IOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
import org.jpos.iso.ISOServer;
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
  private final HostListener listener;

  private LinkHost(
      Link link,
      ISOServer server,
      Thread acceptor,
      ExecutorService workers,
      ExecutorService responder,
      HostSecurity security,
      int port,
      HostListener listener) {
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
    HostListener listener =
        new HostListener(
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
    List<HostListener.Held> late;
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
}
