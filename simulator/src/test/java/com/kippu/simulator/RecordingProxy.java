package com.kippu.simulator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import javax.net.ServerSocketFactory;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;

/**
 * A loopback TCP proxy that keeps every byte passing through it, each connection's two directions
 * apart (so a framed protocol such as ISO 8583 can be read back message by message), for a test to
 * read.
 */
final class RecordingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final String targetHost;
  private final int targetPort;
  private final SocketFactory connect;
  private final List<Conversation> conversations = new ArrayList<>();
  private final List<Socket> sockets = new ArrayList<>();

  /** One connection through the proxy: what the client sent, and what the server answered. */
  static final class Conversation {
    private final ByteArrayOutputStream sent = new ByteArrayOutputStream();
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();

    /** Bytes from the client to the server so far. */
    synchronized byte[] sent() {
      return sent.toByteArray();
    }

    /** Bytes from the server back to the client so far. */
    synchronized byte[] received() {
      return received.toByteArray();
    }

    private synchronized void record(ByteArrayOutputStream direction, byte[] b, int n) {
      direction.write(b, 0, n);
    }
  }

  /**
   * A proxy to an HTTP server at {@code target}; over HTTPS it relays the TLS bytes as they are
   * (the recording then holds ciphertext).
   */
  RecordingProxy(URI target) throws IOException {
    this(target.getHost(), target.getPort());
    this.scheme = target.getScheme();
  }

  /** A proxy to {@code port} on the loopback interface. */
  RecordingProxy(int port) throws IOException {
    this(InetAddress.getLoopbackAddress().getHostAddress(), port);
  }

  /**
   * A proxy to an HTTPS server at {@code target} that ends the client's TLS under {@code accepting}
   * (the server's own key, which the client trusts) and opens its own to the target under {@code
   * connecting} (the client's key, where the target asks for one), so the recording holds the HTTP
   * between them in clear.
   */
  RecordingProxy(URI target, SSLContext accepting, SSLContext connecting) throws IOException {
    this(
        target.getHost(),
        target.getPort(),
        accepting.getServerSocketFactory(),
        connecting.getSocketFactory());
    this.scheme = "https";
  }

  private String scheme = "http";

  private RecordingProxy(String targetHost, int targetPort) throws IOException {
    this(targetHost, targetPort, ServerSocketFactory.getDefault(), SocketFactory.getDefault());
  }

  private RecordingProxy(
      String targetHost, int targetPort, ServerSocketFactory listen, SocketFactory connect)
      throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    this.connect = connect;
    this.server = listen.createServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "recording-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  /** The proxy's own port, where clients connect instead of the target's. */
  int port() {
    return server.getLocalPort();
  }

  /** The target's port. */
  int targetPort() {
    return targetPort;
  }

  URI uri() {
    return URI.create(scheme + "://127.0.0.1:" + port() + "/");
  }

  /** Every connection so far, in the order they were accepted. */
  List<Conversation> conversations() {
    synchronized (conversations) {
      return List.copyOf(conversations);
    }
  }

  /**
   * Everything that passed, as ISO-8859-1 text (each byte one char): per connection, what was sent
   * and then what was received.
   */
  String text() {
    StringBuilder text = new StringBuilder();
    for (Conversation c : conversations()) {
      text.append(new String(c.sent(), StandardCharsets.ISO_8859_1)).append('\n');
      text.append(new String(c.received(), StandardCharsets.ISO_8859_1)).append('\n');
    }
    return text.toString();
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = connect.createSocket(targetHost, targetPort);
        Conversation conversation = new Conversation();
        synchronized (sockets) {
          sockets.add(client);
          sockets.add(upstream);
        }
        synchronized (conversations) {
          conversations.add(conversation);
        }
        pump(client.getInputStream(), upstream.getOutputStream(), conversation, true);
        pump(upstream.getInputStream(), client.getOutputStream(), conversation, false);
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(InputStream in, OutputStream out, Conversation conversation, boolean sent) {
    ByteArrayOutputStream direction = sent ? conversation.sent : conversation.received;
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                  conversation.record(direction, buffer, n);
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // One side closed: the connection is over.
              } finally {
                try {
                  out.close();
                } catch (IOException e) {
                  // Already closed.
                }
              }
            },
            "recording-proxy-pump");
    t.setDaemon(true);
    t.start();
  }

  @Override
  public void close() throws IOException {
    server.close();
    synchronized (sockets) {
      for (Socket s : sockets) {
        s.close();
      }
    }
  }
}
