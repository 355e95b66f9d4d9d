package com.kippu.center;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The operations of {@code openapi.yaml} as the tests need them: for each {@code METHOD
 * /path/{}/template}, who may call it, every status it documents and whether it takes a body. Read
 * line by line from the document's own layout (two-space paths, four-space methods, eight-space
 * status keys).
 */
final class OpenApiOperations {
  /** Who an operation's {@code security} names; OPEN when it has none. */
  enum Caller {
    OPEN,
    TERMINAL,
    ISSUER,
    OPERATOR
  }

  /** Who may call it, every status it documents, and whether it takes a request body. */
  record Operation(Caller caller, Set<Integer> statuses, boolean takesBody) {}

  private static final Pattern PATH = Pattern.compile("^  (/[^:\\s]*):\\s*$");
  private static final Pattern METHOD = Pattern.compile("^    (get|put|post|delete|patch):.*$");
  private static final Pattern STATUS = Pattern.compile("^        \"(\\d{3})\":.*$");
  private static final Pattern REQUEST_BODY = Pattern.compile("^      requestBody:.*$");
  private static final Pattern SECURITY = Pattern.compile("^      security: \\[\\{(\\w+):.*$");

  private OpenApiOperations() {}

  static Map<String, Operation> read() {
    String yaml;
    try (InputStream in = OpenApiOperations.class.getResourceAsStream("/openapi.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Caller> callers = new HashMap<>();
    Map<String, Set<Integer>> statuses = new HashMap<>();
    Set<String> withBody = new HashSet<>();
    String path = null;
    String op = null;
    boolean inPaths = false;
    for (String line : yaml.split("\n")) {
      if (line.startsWith("paths:")) {
        inPaths = true;
        continue;
      }
      if (inPaths && !line.isEmpty() && !line.startsWith(" ")) {
        break;
      }
      if (!inPaths) {
        continue;
      }
      Matcher p = PATH.matcher(line);
      if (p.matches()) {
        path = p.group(1).replaceAll("\\{[^}]+}", "{}");
        op = null;
        continue;
      }
      Matcher m = METHOD.matcher(line);
      if (path != null && m.matches()) {
        op = m.group(1).toUpperCase(Locale.ROOT) + " " + path;
        callers.put(op, Caller.OPEN);
        statuses.put(op, new HashSet<>());
        continue;
      }
      if (op == null) {
        continue;
      }
      Matcher s = SECURITY.matcher(line);
      if (s.matches()) {
        callers.put(
            op,
            switch (s.group(1)) {
              case "terminalSignature" -> Caller.TERMINAL;
              case "issuerSignature" -> Caller.ISSUER;
              case "operatorToken" -> Caller.OPERATOR;
              default -> throw new IllegalStateException("unknown security " + s.group(1));
            });
      }
      if (REQUEST_BODY.matcher(line).matches()) {
        withBody.add(op);
      }
      Matcher st = STATUS.matcher(line);
      if (st.matches()) {
        statuses.get(op).add(Integer.parseInt(st.group(1)));
      }
    }
    Map<String, Operation> ops = new HashMap<>();
    callers.forEach(
        (k, c) -> ops.put(k, new Operation(c, Set.copyOf(statuses.get(k)), withBody.contains(k))));
    return ops;
  }
}
