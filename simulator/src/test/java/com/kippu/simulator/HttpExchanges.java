package com.kippu.simulator;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The HTTP/1.1 exchanges a {@link RecordingProxy} carried on one connection, read back from its
 * bytes: each request (method, target, body) with the answer that followed it. Bodies come by
 * {@code Content-Length} or chunked; an interim 1xx answer is skipped. A connection cut in the
 * middle of a message (a client that gave up) ends the list at the last whole exchange.
 */
final class HttpExchanges {
  /** One request and its answer; {@code contentType} is the answer's, empty when it had none. */
  record Exchange(
      String method,
      String target,
      byte[] requestBody,
      int status,
      String contentType,
      byte[] responseBody) {}

  private HttpExchanges() {}

  static List<Exchange> read(RecordingProxy.Conversation conversation) {
    Reader requests = new Reader(conversation.sent());
    Reader answers = new Reader(conversation.received());
    List<Exchange> exchanges = new ArrayList<>();
    while (true) {
      Message request = requests.next(false);
      if (request == null) {
        return exchanges;
      }
      String[] line = request.startLine().split(" ", 3);
      Message answer;
      do {
        answer = answers.next(line[0].equals("HEAD"));
      } while (answer != null && answer.status() / 100 == 1);
      if (answer == null) {
        return exchanges;
      }
      exchanges.add(
          new Exchange(
              line[0],
              line[1],
              request.body(),
              answer.status(),
              answer.header("content-type"),
              answer.body()));
    }
  }

  private record Message(String startLine, List<String> headers, byte[] body) {
    String header(String name) {
      for (String h : headers) {
        int colon = h.indexOf(':');
        if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase(name)) {
          return h.substring(colon + 1).trim();
        }
      }
      return "";
    }

    int status() {
      return Integer.parseInt(startLine.split(" ", 3)[1]);
    }
  }

  /** Messages one after another from one direction's bytes. */
  private static final class Reader {
    private final byte[] bytes;
    private int at;

    Reader(byte[] bytes) {
      this.bytes = bytes;
    }

    /** The next whole message, or null at the end; {@code noBody} for the answer to a HEAD. */
    Message next(boolean noBody) {
      int end = indexOf("\r\n\r\n", at);
      if (end < 0) {
        return null;
      }
      String[] lines = new String(bytes, at, end - at, StandardCharsets.ISO_8859_1).split("\r\n");
      int start = end + 4;
      Message head = new Message(lines[0], List.of(lines).subList(1, lines.length), new byte[0]);
      boolean answer = lines[0].startsWith("HTTP/");
      int status = answer ? head.status() : 0;
      if (noBody || status / 100 == 1 || status == 204 || status == 304) {
        at = start;
        return head;
      }
      String length = head.header("content-length");
      if (head.header("transfer-encoding").toLowerCase(Locale.ROOT).contains("chunked")) {
        return chunked(head, start);
      }
      if (!length.isEmpty()) {
        int n = Integer.parseInt(length);
        if (start + n > bytes.length) {
          return null;
        }
        at = start + n;
        return new Message(head.startLine(), head.headers(), slice(start, at));
      }
      // A request without a length has no body; an answer without one runs to the close.
      at = answer ? bytes.length : start;
      return new Message(head.startLine(), head.headers(), slice(start, at));
    }

    private Message chunked(Message head, int from) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      int p = from;
      while (true) {
        int eol = indexOf("\r\n", p);
        if (eol < 0) {
          return null;
        }
        String size = new String(bytes, p, eol - p, StandardCharsets.ISO_8859_1);
        int n = Integer.parseInt(size.split(";", 2)[0].trim(), 16);
        p = eol + 2;
        if (n == 0) {
          int trailerEnd = indexOf("\r\n", p);
          while (trailerEnd > p) { // trailers, if any, up to the empty line
            p = trailerEnd + 2;
            trailerEnd = indexOf("\r\n", p);
          }
          if (trailerEnd < 0) {
            return null;
          }
          at = trailerEnd + 2;
          return new Message(head.startLine(), head.headers(), body.toByteArray());
        }
        if (p + n + 2 > bytes.length) {
          return null;
        }
        body.write(bytes, p, n);
        p += n + 2;
      }
    }

    private byte[] slice(int from, int to) {
      byte[] out = new byte[to - from];
      System.arraycopy(bytes, from, out, 0, out.length);
      return out;
    }

    private int indexOf(String s, int from) {
      byte[] target = s.getBytes(StandardCharsets.ISO_8859_1);
      outer:
      for (int i = from; i <= bytes.length - target.length; i++) {
        for (int j = 0; j < target.length; j++) {
          if (bytes[i + j] != target[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
    }
  }
}
