package com.kippu.center.load;

import com.kippu.center.reservation.TerminalId;
import com.kippu.center.terminal.RequestSignature;
import com.kippu.center.terminal.TerminalRepository;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Many ATM terminals driven from one client thread: each has its own keep-alive HTTP/1.1 connection
 * to the center, its own secret and at most one request in flight, and signs every request as a
 * real terminal does (HMAC-SHA256, {@link RequestSignature}). One selector serves them all, so a
 * thousand terminals cost a thousand sockets, not a thousand threads competing with the center for
 * the same cores. Latency is taken with {@link System#nanoTime} from when a request was due.
 */
final class TerminalFleet implements AutoCloseable {
  private static final byte[] HEADER_END = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final String HOLD_PATH = "/v1/reservations/best-available";
  private static final SecureRandom SECRETS = new SecureRandom();

  private enum Asking {
    HOLD,
    ISSUE
  }

  /** One terminal: its connection, schedule and the request it is waiting on. */
  private final class Terminal {
    final int index;
    final String id;
    final byte[] secret = new byte[32];
    SocketChannel channel;
    SelectionKey key;
    ByteBuffer out;
    final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
    long dueAt;
    int holdsAsked;
    Asking asking;
    String heldNumber;
    long heldAmount;
    boolean done;

    Terminal(int index) {
      this.index = index;
      this.id = String.format("FS%05d", index);
      SECRETS.nextBytes(secret);
    }
  }

  private final List<InetSocketAddress> centers;
  private final Selector selector;
  private final List<Terminal> terminals = new ArrayList<>();
  private final SplittableRandom random = new SplittableRandom(20_261_224L);

  /** Opens {@code size} connections to the center at once, as terminals do when a sale opens. */
  TerminalFleet(InetSocketAddress center, int size) {
    this(List.of(center), size);
  }

  /** The same with the terminals dealt over several center nodes in turn (a load balancer). */
  TerminalFleet(List<InetSocketAddress> centers, int size) {
    this.centers = List.copyOf(centers);
    try {
      this.selector = Selector.open();
      for (int i = 0; i < size; i++) {
        Terminal t = new Terminal(i);
        connect(t);
        terminals.add(t);
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("cannot connect the terminals to " + centers, e);
    }
  }

  private void connect(Terminal t) throws IOException {
    SocketChannel ch = SocketChannel.open(centers.get(t.index % centers.size()));
    ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
    ch.configureBlocking(false);
    t.channel = ch;
    t.key = ch.register(selector, SelectionKey.OP_READ, t);
    t.in.clear();
    t.out = null;
  }

  int size() {
    return terminals.size();
  }

  /** Registers every terminal of the fleet, with its secret, at the center. */
  void registerWith(TerminalRepository repository, Instant now) {
    for (Terminal t : terminals) {
      repository.addIfAbsent(new TerminalId(t.id), t.secret, now);
    }
  }

  /** Runs one phase to its end: every terminal told "not enough seats", or the time limit. */
  SaleRun run(SalePlan plan) {
    SaleRun run = new SaleRun();
    PriorityQueue<Terminal> due = new PriorityQueue<>(Comparator.comparingLong(t -> t.dueAt));
    long start = System.nanoTime() + 20_000_000L;
    long deadline = start + plan.timeLimit().toNanos();
    run.startedAt = start;
    for (Terminal t : terminals) {
      t.done = false;
      t.holdsAsked = 0;
      t.asking = null;
      t.dueAt = plan.closedLoop() ? start : scheduled(plan, t, start);
      due.add(t);
    }
    int active = terminals.size();
    try {
      while (active > 0 && System.nanoTime() < deadline) {
        long now = System.nanoTime();
        while (!due.isEmpty() && due.peek().dueAt <= now) {
          askHold(plan, due.poll(), run);
        }
        long waitMs =
            due.isEmpty() ? 50 : Math.max(1, (due.peek().dueAt - now + 999_999) / 1_000_000);
        selector.select(waitMs);
        for (SelectionKey key : selector.selectedKeys()) {
          Terminal t = (Terminal) key.attachment();
          if (key.isValid() && key.isWritable()) {
            flush(t);
          }
          if (key.isValid() && key.isReadable()) {
            active -= receive(plan, t, run, due, start);
          }
        }
        selector.selectedKeys().clear();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("terminal fleet failed", e);
    }
    run.endedAt = System.nanoTime();
    for (Terminal t : terminals) {
      if (t.asking != null) {
        run.error("unanswered at time limit");
        reconnect(t, run);
      }
    }
    return run;
  }

  /** When the terminal's next hold is due on a fixed fleet-wide schedule. */
  private long scheduled(SalePlan plan, Terminal t, long start) {
    long slot = (long) t.holdsAsked * terminals.size() + t.index;
    return start + slot * 1_000_000_000L / plan.holdsPerSecond();
  }

  private void askHold(SalePlan plan, Terminal t, SaleRun run) throws IOException {
    StringBuilder body =
        new StringBuilder(160)
            .append("{\"requestNumber\":\"")
            .append(plan.name())
            .append('-')
            .append(t.index)
            .append('-')
            .append(t.holdsAsked)
            .append("\",\"cardId\":\"CARD-")
            .append(t.id)
            .append("\",\"eventId\":\"")
            .append(plan.eventId())
            .append("\",\"quantity\":")
            .append(plan.quantity());
    plan.section().ifPresent(s -> body.append(",\"section\":\"").append(s).append('"'));
    body.append('}');
    t.asking = Asking.HOLD;
    t.holdsAsked++;
    send(t, HOLD_PATH, body.toString(), run);
  }

  private void askIssue(SalePlan plan, Terminal t, SaleRun run) throws IOException {
    String body =
        "{\"cardId\":\"CARD-"
            + t.id
            + "\",\"payment\":{\"method\":\"ACCOUNT_TRANSFER\",\"amountYen\":"
            + t.heldAmount
            + ",\"reference\":\""
            + plan.name()
            + t.heldNumber
            + "\",\"approvalCode\":\"A1B2C3\",\"stan\":\""
            + String.format("%06d", t.holdsAsked % 1_000_000)
            + "\",\"paidAt\":\"2026-12-01T01:02:03Z\",\"acquirer\":\"000001\"}}";
    t.asking = Asking.ISSUE;
    t.dueAt = System.nanoTime();
    send(t, "/v1/reservations/" + t.heldNumber + "/issue", body, run);
  }

  private void send(Terminal t, String path, String body, SaleRun run) throws IOException {
    byte[] json = body.getBytes(StandardCharsets.UTF_8);
    String timestamp = Long.toString(System.currentTimeMillis() / 1000);
    String nonce = RequestSignature.newNonce();
    String head =
        "POST "
            + path
            + " HTTP/1.1\r\nHost: "
            + centers.get(t.index % centers.size()).getHostString()
            + "\r\nX-Terminal-Id: "
            + t.id
            + "\r\nX-Kippu-Timestamp: "
            + timestamp
            + "\r\nX-Kippu-Nonce: "
            + nonce
            + "\r\nX-Kippu-Signature: "
            + RequestSignature.sign(t.secret, "POST", path, json, timestamp, nonce)
            + "\r\nContent-Type: application/json\r\nContent-Length: "
            + json.length
            + "\r\n\r\n";
    byte[] h = head.getBytes(StandardCharsets.US_ASCII);
    t.out = ByteBuffer.allocate(h.length + json.length).put(h).put(json).flip();
    try {
      flush(t);
    } catch (IOException e) {
      run.error("connection lost");
      reconnect(t, run);
      t.out = ByteBuffer.allocate(h.length + json.length).put(h).put(json).flip();
      flush(t);
    }
  }

  private void flush(Terminal t) throws IOException {
    if (t.out != null) {
      t.channel.write(t.out);
      if (t.out.hasRemaining()) {
        t.key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        return;
      }
      t.out = null;
    }
    t.key.interestOps(SelectionKey.OP_READ);
  }

  /** Reads what arrived; returns 1 when the terminal has finished the phase. */
  private int receive(
      SalePlan plan, Terminal t, SaleRun run, PriorityQueue<Terminal> due, long start)
      throws IOException {
    int n;
    try {
      n = t.channel.read(t.in);
    } catch (IOException e) {
      n = -1;
    }
    if (n < 0) {
      run.error("connection closed by the center");
      reconnect(t, run);
      return next(plan, t, run, due, start);
    }
    int headerEnd = indexOf(t.in, HEADER_END);
    if (headerEnd < 0) {
      return 0;
    }
    // Parsed in place: the answer's bytes are read from the terminal's own buffer.
    byte[] raw = t.in.array();
    int received = t.in.position();
    String head = new String(raw, 0, headerEnd, StandardCharsets.US_ASCII);
    int length = contentLength(head);
    int total = headerEnd + HEADER_END.length + length;
    if (received < total) {
      return 0;
    }
    long now = System.nanoTime();
    int status = Integer.parseInt(head.substring(9, 12));
    CenterReply answer = CenterReply.parse(status, raw, headerEnd + HEADER_END.length, length);
    // Keep whatever came after this answer (nothing, with one request in flight).
    System.arraycopy(raw, total, raw, 0, received - total);
    t.in.position(received - total);
    return answered(plan, t, run, due, start, now, answer);
  }

  private int answered(
      SalePlan plan,
      Terminal t,
      SaleRun run,
      PriorityQueue<Terminal> due,
      long start,
      long now,
      CenterReply answer)
      throws IOException {
    long latency = now - t.dueAt;
    Asking was = t.asking;
    t.asking = null;
    if (was == Asking.ISSUE) {
      if (answer.status() == 200) {
        run.issued++;
        run.issueLatency.add(latency);
      } else {
        run.issueFailures++;
        run.error("issue " + answer.status() + " " + answer.error());
      }
      return next(plan, t, run, due, start);
    }
    if (answer.status() == 201) {
      run.holds++;
      run.lastHoldAt = now;
      run.holdLatency.add(latency);
      run.held(answer.reservationNumber(), answer.seatIds());
      if (plan.payFraction() > 0 && random.nextDouble() < plan.payFraction()) {
        t.heldNumber = answer.reservationNumber();
        t.heldAmount = answer.amountYen();
        askIssue(plan, t, run);
        return 0;
      }
      return next(plan, t, run, due, start);
    }
    if (answer.status() == 409 && "SEAT_UNAVAILABLE".equals(answer.error())) {
      run.notEnoughSeats++;
      run.refusalLatency.add(latency);
      t.done = true;
      return 1;
    }
    run.error("hold " + answer.status() + " " + answer.error());
    return next(plan, t, run, due, start);
  }

  /** Schedules the terminal's next hold; 0 (still active). */
  private int next(
      SalePlan plan, Terminal t, SaleRun run, PriorityQueue<Terminal> due, long start) {
    t.asking = null;
    t.dueAt = plan.closedLoop() ? System.nanoTime() : scheduled(plan, t, start);
    due.add(t);
    return 0;
  }

  private void reconnect(Terminal t, SaleRun run) {
    run.reconnects++;
    try {
      t.key.cancel();
      t.channel.close();
      connect(t);
    } catch (IOException e) {
      throw new UncheckedIOException("terminal " + t.id + " cannot reconnect", e);
    }
  }

  private static int contentLength(String head) {
    int at = 0;
    while (at >= 0 && at < head.length()) {
      int end = head.indexOf("\r\n", at);
      String line = end < 0 ? head.substring(at) : head.substring(at, end);
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Content-Length")) {
        return Integer.parseInt(line.substring(colon + 1).trim());
      }
      at = end < 0 ? -1 : end + 2;
    }
    return 0;
  }

  /** Position of {@code pattern} in the bytes written so far to {@code buffer}, or -1. */
  private static int indexOf(ByteBuffer buffer, byte[] pattern) {
    byte[] a = buffer.array();
    int end = buffer.position() - pattern.length;
    outer:
    for (int i = 0; i <= end; i++) {
      for (int j = 0; j < pattern.length; j++) {
        if (a[i + j] != pattern[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }

  @Override
  public void close() {
    for (Terminal t : terminals) {
      try {
        t.channel.close();
      } catch (IOException e) {
        // closing at the end of a run; nothing depends on it
      }
    }
    try {
      if (selector != null) {
        selector.close();
      }
    } catch (IOException e) {
      // as above
    }
  }
}
