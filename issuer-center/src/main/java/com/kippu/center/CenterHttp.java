package com.kippu.center;

import com.kippu.center.http.ProblemErrorHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The center's HTTP server: Jetty's core server in front of the API's router. */
final class CenterHttp {
  /** Thousands of terminals may connect in the same second when a sale opens. */
  private static final int ACCEPT_BACKLOG = 4096;

  private static final int ACCEPTORS = 1;
  private static final int SELECTORS = 1;
  private static final int MIN_HTTP_THREADS = 8;
  private static final int IDLE_THREAD_MS = 60_000;
  private static final long STOP_TIMEOUT_MS = 5_000;
  private static final Duration MAX_WAIT_FOR_ADMISSION = Duration.ofSeconds(5);

  private CenterHttp() {}

  /**
   * Jetty's core server: a bounded worker pool ({@code center.http.threads}), one selector,
   * keep-alive connections. Deferred routes (best-available holds) hold no worker while they wait
   * for their batch. Overload is refused at the door, not in the pool (whose queue stays unbounded,
   * as Jetty's own tasks need): at most {@code center.http.queue} requests are in progress, as many
   * more wait up to five seconds, and the rest get 503 at once.
   */
  static Server start(CenterConfig config, Handler router) {
    QueuedThreadPool workers =
        new QueuedThreadPool(
            config.httpThreads(), Math.min(MIN_HTTP_THREADS, config.httpThreads()), IDLE_THREAD_MS);
    workers.setName("center-http");
    workers.setDaemon(true);
    Server server = new Server(workers);
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    ServerConnector connector = connector(server, http, config.tls());
    connector.setHost(config.host());
    connector.setPort(config.port());
    connector.setAcceptQueueSize(ACCEPT_BACKLOG);
    server.addConnector(connector);
    QoSHandler admission = new QoSHandler(router);
    admission.setMaxRequestCount(config.httpQueueCapacity());
    admission.setMaxSuspendedRequestCount(config.httpQueueCapacity());
    admission.setMaxSuspend(MAX_WAIT_FOR_ADMISSION);
    server.setHandler(admission);
    server.setErrorHandler(new ProblemErrorHandler());
    server.setStopTimeout(STOP_TIMEOUT_MS);
    try {
      server.start();
    } catch (Exception e) {
      try {
        server.stop();
      } catch (Exception ignored) {
        // the start failure below is what matters
      }
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot bind " + config.host() + ":" + config.port(), io);
      }
      throw new IllegalStateException("cannot start HTTP on " + config.port(), e);
    }
    return server;
  }

  /**
   * Plain HTTP, or HTTPS (TLS 1.2 and 1.3 with the JDK's defaults) when {@code center.tls.keystore}
   * is set; a request over TLS is {@code isSecure()}, which the operator routes need in production.
   */
  /** Jetty's loggers (held here: the log manager keeps only weak references). */
  private static final java.util.logging.Logger JETTY =
      java.util.logging.Logger.getLogger("org.eclipse.jetty");

  private static ServerConnector connector(Server server, HttpConfiguration http, TlsSettings tls) {
    // Jetty's debug records dump the buffers it reads, decrypted, with the passwords, PINs and
    // card numbers inside them: they stay off whatever level the rest of the log runs at.
    JETTY.setLevel(java.util.logging.Level.INFO);
    if (!tls.enabled()) {
      return new ServerConnector(server, ACCEPTORS, SELECTORS, new HttpConnectionFactory(http));
    }
    SslContextFactory.Server ssl = new SslContextFactory.Server();
    ssl.setKeyStorePath(tls.keyStore().toString());
    ssl.setKeyStoreType("PKCS12");
    ssl.setKeyStorePassword(tls.password());
    ssl.setIncludeProtocols("TLSv1.3", "TLSv1.2");
    if (tls.clientCertificates()) {
      // Mutual TLS (S2 ¶52): a terminal without a certificate of the terminals' CA is refused in
      // the handshake, before any request is read.
      ssl.setTrustStorePath(tls.clientTrustStore().toString());
      ssl.setTrustStoreType("PKCS12");
      ssl.setTrustStorePassword(tls.clientTrustPassword());
      ssl.setNeedClientAuth(true);
    }
    HttpConfiguration https = new HttpConfiguration(http);
    SecureRequestCustomizer secure = new SecureRequestCustomizer();
    // Terminals may reach the center by address; the certificate is checked by the client.
    secure.setSniHostCheck(false);
    https.addCustomizer(secure);
    return new ServerConnector(
        server,
        ACCEPTORS,
        SELECTORS,
        new SslConnectionFactory(ssl, "http/1.1"),
        new HttpConnectionFactory(https));
  }
}
