package com.kippu.iso8583;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.jpos.iso.ISOClientSocketFactory;

/**
 * TLS for a link, from PKCS#12 files: TLS 1.3 or 1.2 only, and on the terminal's side the host name
 * checked against the host's certificate (the endpoint identification jPOS 2.1.10's own socket
 * factory leaves out, so any certificate the trust store accepts would do for any host). The
 * terminal side needs a trust store (the bank's CA or host certificate) and may present a key store
 * of its own (mutual TLS); the host side needs its key store and, to require client certificates, a
 * trust store.
 */
public final class LinkTls {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  /** Ends connection set-ups that outlive their deadline. */
  private static final ScheduledExecutorService DEADLINES =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "link-tls-deadline");
            t.setDaemon(true);
            return t;
          });

  private final SSLContext context;
  private final boolean clientCertificates;

  private LinkTls(SSLContext context, boolean clientCertificates) {
    this.context = context;
    this.clientCertificates = clientCertificates;
  }

  /**
   * The TLS context of these stores, for a client that is not a jPOS channel (the terminal's HTTPS
   * link to the issuer center): TLS 1.3 and 1.2 only, as {@link #PROTOCOLS}.
   */
  public SSLContext sslContext() {
    return context;
  }

  /** The protocols every TLS link here speaks. */
  public static String[] protocols() {
    return PROTOCOLS.clone();
  }

  /** Whether this host side requires client certificates. */
  public boolean requiresClientCertificates() {
    return clientCertificates;
  }

  /** A PKCS#12 file and its password. */
  public record Store(Path file, char[] password) {
    public Store {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(password, "password");
      password = password.clone();
    }

    @Override
    public char[] password() {
      return password.clone();
    }

    @Override
    public String toString() {
      return "Store[" + file + "]"; // never the password
    }
  }

  /** The terminal's side: trusts {@code trust}, presents {@code own} if given. */
  public static LinkTls client(Store trust, Optional<Store> own) {
    return new LinkTls(context(own, Optional.of(trust)), false);
  }

  /** The host's side: presents {@code own}; with {@code clients}, requires client certificates. */
  public static LinkTls host(Store own, Optional<Store> clients) {
    return new LinkTls(context(Optional.of(own), clients), clients.isPresent());
  }

  /**
   * Sockets for a jPOS channel: connected and handshaken within {@code connectTimeout} altogether
   * (a peer that answers a byte at a time is cut off at the deadline), and only if the certificate
   * is valid for the host name or address the channel was given.
   */
  public ISOClientSocketFactory clientSockets(Duration connectTimeout) {
    return new BackingOff(this, connectTimeout);
  }

  /**
   * Client sockets that back off after TLS refusals: a certificate that is refused once will be
   * refused again, and thousands of terminals retrying a full handshake every second would load the
   * bank for nothing. After the second refusal in a row the next attempts fail at once, without
   * connecting, for 2 s, then 4 s, ... up to {@link #MAX_BACKOFF}; a connection that works resets
   * it. Failures to reach the host at all are left to the link's own reconnect delay.
   */
  static final class BackingOff implements ISOClientSocketFactory {
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final LinkTls tls;
    private final Duration connectTimeout;
    private int refusals;
    private long notBefore;
    private SSLException lastRefusal;

    BackingOff(LinkTls tls, Duration connectTimeout) {
      this.tls = tls;
      this.connectTimeout = connectTimeout;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      synchronized (this) {
        long wait = notBefore - System.nanoTime();
        if (refusals > 1 && wait > 0) {
          throw new SSLException(
              "not retrying TLS for "
                  + Math.max(1, Duration.ofNanos(wait).toSeconds())
                  + " s after "
                  + refusals
                  + " refused set-ups; the last: "
                  + lastRefusal.getMessage(),
              lastRefusal);
        }
      }
      try {
        Socket s = tls.connect(host, port, connectTimeout);
        synchronized (this) {
          refusals = 0;
        }
        return s;
      } catch (SSLException e) {
        synchronized (this) {
          refusals++;
          lastRefusal = e;
          long pause = Math.min(MAX_BACKOFF.toSeconds(), 1L << Math.min(refusals - 1, 6));
          notBefore = System.nanoTime() + Duration.ofSeconds(pause).toNanos();
        }
        throw e;
      }
    }
  }

  /** One TLS connection: TCP and handshake within {@code connectTimeout} altogether. */
  private Socket connect(String host, int port, Duration connectTimeout) throws IOException {
    long timeout = connectTimeout.toMillis();
    Socket plain = new Socket();
    ScheduledFuture<?> deadline =
        DEADLINES.schedule(() -> closeQuietly(plain), timeout, MILLISECONDS);
    try {
      plain.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout));
      SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host, port, true);
      SSLParameters p = tls.getSSLParameters();
      p.setProtocols(PROTOCOLS);
      p.setCipherSuites(strong(p.getCipherSuites()));
      p.setEndpointIdentificationAlgorithm("HTTPS"); // the host name must match the certificate
      tls.setSSLParameters(p);
      tls.startHandshake();
      if (!deadline.cancel(false)) {
        throw new SocketTimeoutException("TLS set-up took longer than " + connectTimeout);
      }
      return tls;
    } catch (IOException | RuntimeException e) {
      deadline.cancel(false);
      try {
        plain.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
  }

  /**
   * Forward-secret AEAD suites only: TLS 1.3's, and on TLS 1.2 ECDHE with AES-GCM or ChaCha20 (no
   * RSA key transport, no CBC, no SHA-1 MACs).
   */
  static String[] strong(String[] enabled) {
    return Arrays.stream(enabled)
        .filter(
            suite ->
                suite.startsWith("TLS_AES_")
                    || suite.startsWith("TLS_CHACHA20_")
                    || suite.startsWith("TLS_ECDHE_")
                        && (suite.contains("_GCM_") || suite.contains("_CHACHA20_")))
        .toArray(String[]::new);
  }

  private static void closeQuietly(Socket s) {
    try {
      s.close();
    } catch (IOException e) {
      // the deadline only has to end the set-up
    }
  }

  /** A listening socket that speaks TLS only, bound to {@code address}. */
  public ServerSocket serverSocket(InetSocketAddress address) throws IOException {
    SSLServerSocket s = (SSLServerSocket) context.getServerSocketFactory().createServerSocket();
    SSLParameters p = s.getSSLParameters();
    p.setProtocols(PROTOCOLS);
    p.setCipherSuites(strong(p.getCipherSuites()));
    p.setNeedClientAuth(clientCertificates);
    s.setSSLParameters(p);
    s.setReuseAddress(true);
    s.bind(address);
    return s;
  }

  private static SSLContext context(Optional<Store> own, Optional<Store> trust) {
    try {
      KeyManagerFactory keys = null;
      if (own.isPresent()) {
        keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        char[] password = own.get().password();
        try {
          keys.init(load(own.get()), password);
        } finally {
          Arrays.fill(password, '\0');
        }
      }
      TrustManagerFactory trusts = null;
      if (trust.isPresent()) {
        trusts = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trusts.init(load(trust.get()));
      }
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          keys == null ? null : keys.getKeyManagers(),
          trusts == null ? null : trusts.getTrustManagers(),
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("link TLS: " + e.getMessage(), e);
    }
  }

  private static KeyStore load(Store store) throws GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    char[] password = store.password();
    try (InputStream in = Files.newInputStream(store.file())) {
      ks.load(in, password);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "link TLS: cannot read " + store.file() + ": " + e.getMessage(), e);
    } finally {
      Arrays.fill(password, '\0');
    }
    return ks;
  }
}
