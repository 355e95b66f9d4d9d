package com.kippu.simulator.bank;

import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.LinkCodec;
import com.kippu.iso8583.Mti;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * An attacker on the line between terminal and bank host who cannot MAC anything but can read,
 * copy, drop and alter frames (2-byte length, as the links frame them). Armed, it relays the
 * terminal's next 0200 unchanged, sends the host a copy with its MAC altered right behind it, drops
 * the host's answer to the original and hands the terminal the answer to the copy instead: the
 * customer is debited and, if the terminal believed that answer, told "declined".
 */
final class ManInTheMiddle implements AutoCloseable {
  private final ServerSocket listener;
  private final int target;
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicBoolean armed = new AtomicBoolean();
  private final List<String> forwardedAnswerCodes = new CopyOnWriteArrayList<>();
  private volatile String attackedStan;
  private volatile boolean originalAnswerDropped;

  ManInTheMiddle(int targetPort) throws IOException {
    target = targetPort;
    listener = new ServerSocket();
    listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    Thread acceptor = new Thread(this::accept, "mitm-acceptor");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Attacks the next 0200 the terminal sends. */
  void attackNextTransfer() {
    armed.set(true);
  }

  /** Whether the host's answer to the relayed original was kept from the terminal. */
  boolean originalAnswerDropped() {
    return originalAnswerDropped;
  }

  /** Response codes of the answers to the attacked STAN that were handed to the terminal. */
  List<String> forwardedAnswerCodes() {
    return forwardedAnswerCodes;
  }

  @Override
  public void close() throws IOException {
    listener.close();
    for (Socket s : open) {
      s.close();
    }
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket terminal = listener.accept();
        Socket host = new Socket(InetAddress.getLoopbackAddress(), target);
        open.add(terminal);
        open.add(host);
        pump(terminal, host, true);
        pump(host, terminal, false);
      } catch (IOException e) {
        return;
      }
    }
  }

  private void pump(Socket from, Socket to, boolean requests) {
    Thread t =
        new Thread(
            () -> {
              try (DataInputStream in = new DataInputStream(from.getInputStream())) {
                OutputStream out = to.getOutputStream();
                while (true) {
                  byte[] frame = new byte[in.readUnsignedShort()];
                  in.readFully(frame);
                  if (requests) {
                    onRequest(frame, out);
                  } else {
                    onAnswer(frame, out);
                  }
                }
              } catch (EOFException e) {
                // the other side closed
              } catch (IOException | ISOException e) {
                // the line is gone
              } finally {
                try {
                  from.close();
                  to.close();
                } catch (IOException e) {
                  // already closed
                }
              }
            },
            "mitm-pump");
    t.setDaemon(true);
    t.start();
  }

  private void onRequest(byte[] frame, OutputStream host) throws IOException, ISOException {
    write(host, frame);
    ISOMsg m = decode(frame);
    if (Mti.FINANCIAL_REQUEST.equals(m.getMTI()) && armed.compareAndSet(true, false)) {
      attackedStan = m.getString(Field.STAN);
      byte[] copy = frame.clone();
      copy[copy.length - 1] ^= 0x01; // the MAC is the frame's last field
      write(host, copy);
    }
  }

  private void onAnswer(byte[] frame, OutputStream terminal) throws IOException, ISOException {
    ISOMsg m = decode(frame);
    boolean attacked =
        Mti.FINANCIAL_RESPONSE.equals(m.getMTI()) && m.getString(Field.STAN).equals(attackedStan);
    // The copy's answer is the refusal (63); the other one, whenever it comes, is the original's.
    if (attacked && !"63".equals(m.getString(Field.RESPONSE_CODE))) {
      originalAnswerDropped = true;
      return;
    }
    if (attacked) {
      forwardedAnswerCodes.add(m.getString(Field.RESPONSE_CODE));
    }
    write(terminal, frame);
  }

  private static ISOMsg decode(byte[] frame) throws ISOException {
    return LinkCodec.unpack(Link.BANK_HOST.packager(), frame);
  }

  private static synchronized void write(OutputStream out, byte[] frame) throws IOException {
    byte[] framed = new byte[frame.length + 2];
    framed[0] = (byte) (frame.length >> 8);
    framed[1] = (byte) frame.length;
    System.arraycopy(frame, 0, framed, 2, frame.length);
    out.write(framed);
    out.flush();
  }
}
