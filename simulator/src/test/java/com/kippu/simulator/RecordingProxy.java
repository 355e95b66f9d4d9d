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

/** A loopback TCP proxy that keeps every byte passing through it, both ways, for a test to read. */
final class RecordingProxy implements AutoCloseable {
  private final ServerSocket server;
  private final URI target;
  private final ByteArrayOutputStream recorded = new ByteArrayOutputStream();
  private final List<Socket> sockets = new ArrayList<>();

  RecordingProxy(URI target) throws IOException {
    this.target = target;
    this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread accept = new Thread(this::accept, "recording-proxy");
    accept.setDaemon(true);
    accept.start();
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + "/");
  }

  /** Everything that passed, as ISO-8859-1 text (each byte one char). */
  String text() {
    synchronized (recorded) {
      return recorded.toString(StandardCharsets.ISO_8859_1);
    }
  }

  private void accept() {
    while (!server.isClosed()) {
      try {
        Socket client = server.accept();
        Socket upstream = new Socket(target.getHost(), target.getPort());
        synchronized (sockets) {
          sockets.add(client);
          sockets.add(upstream);
        }
        pump(client.getInputStream(), upstream.getOutputStream());
        pump(upstream.getInputStream(), client.getOutputStream());
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  private void pump(InputStream in, OutputStream out) {
    Thread t =
        new Thread(
            () -> {
              byte[] buffer = new byte[8192];
              try {
                for (int n; (n = in.read(buffer)) > 0; ) {
                  synchronized (recorded) {
                    recorded.write(buffer, 0, n);
                  }
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
