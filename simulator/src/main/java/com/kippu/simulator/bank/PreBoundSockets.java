package com.kippu.simulator.bank;

import com.kippu.iso8583.LinkTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.jpos.iso.ISOServerSocketFactory;

/**
 * Binds the listening socket before the server thread starts, so the real port of an ephemeral bind
 * is known and bind errors reach the caller. jPOS asks again only after closing the socket (pool
 * exhaustion); it then gets a fresh socket on the same port.
 */
final class PreBoundSockets implements ISOServerSocketFactory {
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
