package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.center.testdb.TestStore;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every route the running center serves is documented in openapi.yaml, and nothing more. */
class OpenApiContractTest extends CenterTestBase {
  private static final Pattern PATH = Pattern.compile("^  (/[^:\\s]*):\\s*$");
  private static final Pattern METHOD = Pattern.compile("^    (get|put|post|delete|patch):.*$");

  @Override
  TestStore store() {
    return TestStore.SQLITE;
  }

  static Set<String> documented() throws Exception {
    String yaml;
    try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi.yaml")) {
      yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Set<String> ops = new HashSet<>();
    String path = null;
    boolean inPaths = false;
    for (String line : yaml.split("\n")) {
      if (line.startsWith("paths:")) {
        inPaths = true;
        continue;
      }
      if (inPaths && !line.isEmpty() && !line.startsWith(" ")) {
        break;
      }
      Matcher p = PATH.matcher(line);
      if (inPaths && p.matches()) {
        path = p.group(1).replaceAll("\\{[^}]+}", "{}");
        continue;
      }
      Matcher m = METHOD.matcher(line);
      if (inPaths && path != null && m.matches()) {
        ops.add(m.group(1).toUpperCase(java.util.Locale.ROOT) + " " + path);
      }
    }
    return ops;
  }

  @Test
  void everyRegisteredRouteIsDocumented() throws Exception {
    Set<String> documented = documented();
    List<String> missing = new ArrayList<>();
    for (String route : server.routes()) {
      if (!documented.contains(route)) {
        missing.add(route);
      }
    }
    assertTrue(missing.isEmpty(), "routes missing from openapi.yaml: " + missing);
    Set<String> served = new HashSet<>(server.routes());
    documented.removeAll(served);
    assertEquals(Set.of(), documented, "documented but not served");
    assertEquals(200, client.get("/openapi.yaml").status());
  }
}
