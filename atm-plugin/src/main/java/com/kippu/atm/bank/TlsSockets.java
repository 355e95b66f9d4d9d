package com.kippu.atm.bank;

import com.kippu.iso8583.LinkChannel;
import java.io.IOException;
import java.net.Socket;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import javax.net.ssl.SSLException;
import org.jpos.iso.ISOClientSocketFactory;
import org.jpos.iso.ISOException;

/**
 * The TLS sockets of a link. Says why a connection failed (an untrusted or misnamed certificate, a
 * refused handshake) in the log, once per distinct reason, and to a start-up that never connected.
 * Closing it ends every connection it made and refuses new ones, so a connection whose set-up
 * finishes while the link stops cannot outlive the link.
 */
final class TlsSockets implements ISOClientSocketFactory {
  private static final Logger LOG = Logger.getLogger(TlsSockets.class.getName());

  private final ISOClientSocketFactory sockets;
  private final Set<Socket> made = ConcurrentHashMap.newKeySet();
  private volatile Exception lastFailure;
  private volatile String lastLogged;
  private volatile boolean closed;

  TlsSockets(ISOClientSocketFactory sockets) {
    this.sockets = sockets;
  }

  @Override
  public Socket createSocket(String host, int port) throws IOException, ISOException {
    if (closed) {
      throw new IOException("bank link closed");
    }
    Socket s;
    try {
      s = sockets.createSocket(host, port);
    } catch (IOException | ISOException | RuntimeException e) {
      failed(host, port, e);
      throw e;
    }
    made.removeIf(Socket::isClosed);
    made.add(s);
    if (closed) {
      s.close();
      throw new IOException("bank link closed");
    }
    lastFailure = null;
    lastLogged = null;
    return s;
  }

  private void failed(String host, int port, Exception e) {
    lastFailure = e;
    String why = String.valueOf(e.getMessage());
    if (!why.equals(lastLogged)) {
      lastLogged = why;
      LOG.warning(() -> "bank link to " + host + ":" + port + " not established: " + why);
    }
  }

  void close() {
    closed = true;
    for (Socket s : made) {
      try {
        s.close();
      } catch (IOException e) {
        // closing is all that is wanted
      }
    }
  }

  static Optional<TlsSockets> of(LinkChannel channel) {
    return channel.getSocketFactory() instanceof TlsSockets t ? Optional.of(t) : Optional.empty();
  }

  /** The last set-up failure, if the last set-up failed. */
  Optional<Exception> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  /** Why the last set-up failed, labelled "TLS" only when TLS refused it. */
  Optional<String> lastFailureText() {
    Exception e = lastFailure;
    if (e == null) {
      return Optional.empty();
    }
    return Optional.of((e instanceof SSLException ? "TLS: " : "") + e.getMessage());
  }
}
