package com.kippu.simulator.bank;

import com.kippu.iso8583.BankHostLink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jpos.core.ConfigurationException;
import org.jpos.core.SimpleConfiguration;
import org.jpos.iso.ISOServer;
import org.jpos.iso.ISOServerSocketFactory;
import org.jpos.iso.channel.NACChannel;
import org.jpos.util.Logger;

/**
 * The simulated bank host: a jPOS ISOServer on 127.0.0.1 speaking the bank host link over NAC
 * framing (2-byte length), backed by a SQLite {@link Ledger}. Unreadable frames are logged and
 * skipped; the connection and other clients keep being served.
 */
public final class BankHostServer implements AutoCloseable {
  private static final Duration STOP_WAIT = Duration.ofSeconds(5);

  private final ISOServer server;
  private final Thread acceptor;
  private final Ledger ledger;
  private final BankHostListener listener;
  private final int port;

  private BankHostServer(
      ISOServer server, Thread acceptor, Ledger ledger, BankHostListener listener, int port) {
    this.server = server;
    this.acceptor = acceptor;
    this.ledger = ledger;
    this.listener = listener;
    this.port = port;
  }

  /**
   * Opens the ledger in {@code dbFile} and starts listening on 127.0.0.1:{@code port}; port 0 picks
   * a free port, see {@link #port()}. The port is bound when this returns.
   */
  public static BankHostServer start(Path dbFile, int port) throws IOException {
    Objects.requireNonNull(dbFile, "dbFile");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be 0..65535: " + port);
    }
    Ledger ledger = Ledger.open(dbFile);
    PreBoundSockets sockets = new PreBoundSockets(port);
    NACChannel clientSide = new NACChannel();
    clientSide.setPackager(BankHostLink.packager());
    ISOServer server = new ISOServer(sockets.port(), clientSide, null);
    server.setSocketFactory(sockets);
    try {
      SimpleConfiguration cfg = new SimpleConfiguration();
      // A frame that does not unpack is logged and skipped; NAC framing keeps the stream in sync.
      cfg.put("ignore-iso-exceptions", "true");
      server.setConfiguration(cfg);
    } catch (ConfigurationException e) {
      sockets.close();
      throw new IllegalStateException("bank host server misconfigured", e);
    }
    Logger logger = new Logger();
    logger.addListener(new JulLogListener());
    server.setLogger(logger, "bank-host");
    BankHostListener listener = new BankHostListener(ledger);
    server.addISORequestListener(listener);
    Thread acceptor = new Thread(server, "bank-host-" + sockets.port());
    acceptor.setDaemon(true);
    acceptor.start();
    return new BankHostServer(server, acceptor, ledger, listener, sockets.port());
  }

  /** The port actually listened on. */
  public int port() {
    return port;
  }

  /** The host's books, for seeding accounts and checking balances. */
  public Ledger ledger() {
    return ledger;
  }

  /**
   * Fault switch: the next {@code count} requests are processed as usual (money moves) but not
   * answered, as if the answer were lost on the way back.
   */
  public void dropResponses(int count) {
    listener.dropResponses(count);
  }

  /**
   * Fault switch: the next {@code count} requests are processed as usual but their answers are kept
   * back until {@link #releaseHeldResponses()}, to deliver them after the terminal gave up.
   */
  public void holdResponses(int count) {
    listener.holdResponses(count);
  }

  /** Sends the answers kept back by {@link #holdResponses}; returns how many were sent. */
  public int releaseHeldResponses() {
    return listener.releaseHeld();
  }

  /** How many requests with MTI {@code mti} (e.g. "0421") arrived, answered or not. */
  public long requestsReceived(String mti) {
    return listener.received(mti);
  }

  /** Stops accepting, disconnects every client and waits (bounded) for the acceptor to end. */
  @Override
  public void close() {
    server.shutdown();
    try {
      acceptor.join(STOP_WAIT.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
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

    PreBoundSockets(int requested) throws IOException {
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
      ServerSocket s = new ServerSocket();
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(loopback, p));
      return s;
    }
  }
}
