package com.kippu.simulator.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * A real headless Firefox driven through its built-in WebDriver BiDi remote agent (a WebSocket, the
 * JDK's client; no geckodriver): Debian's {@code firefox-esr}, installed by the project's {@code
 * scripts/install-firefox.sh} when missing, never downloaded by the test. One page, mouse clicks
 * through {@code input.performActions}, JavaScript through {@code script.evaluate}, screenshots.
 * Fails, never skips, when no browser can be had.
 */
final class HeadlessFirefox implements BrowserPage {
  private static final Pattern LISTENING =
      Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);
  private static final String BINARY = "firefox-esr";

  private final ObjectMapper json = new ObjectMapper();
  private final Process process;
  private final WebSocket socket;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private String context;

  private HeadlessFirefox(Process process, URI session) throws Exception {
    this.process = process;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(session, new Listener())
            .get(30, TimeUnit.SECONDS);
  }

  /** Starts Firefox with its profile under {@code profile}, installing it first when missing. */
  static HeadlessFirefox start(Path profile) throws Exception {
    BrowserInstall.ensure(BINARY, "install-firefox.sh");
    Files.createDirectories(profile);
    Process p =
        new ProcessBuilder(
                BINARY,
                "--headless",
                "--no-remote",
                "--remote-debugging-port=0",
                "--profile",
                profile.toAbsolutePath().toString(),
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    URI agent = agentAddress(p);
    HeadlessFirefox firefox = new HeadlessFirefox(p, URI.create(agent + "/session"));
    try {
      firefox.command("session.new", Map.of("capabilities", Map.of()));
      JsonNode tree = firefox.command("browsingContext.getTree", Map.of());
      firefox.context = tree.path("contexts").get(0).path("context").asText();
      firefox.command(
          "browsingContext.setViewport",
          Map.of("context", firefox.context, "viewport", Map.of("width", 1400, "height", 1500)));
    } catch (Exception e) {
      firefox.close();
      throw e;
    }
    return firefox;
  }

  /** The remote agent's address, as Firefox prints it on stderr once it listens. */
  private static URI agentAddress(Process p) throws IOException {
    BufferedReader err =
        new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = err.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = LISTENING.matcher(line);
      if (m.find()) {
        Thread drain =
            new Thread(
                () -> {
                  try {
                    err.transferTo(java.io.Writer.nullWriter());
                  } catch (IOException e) {
                    // the browser closed its stderr
                  }
                },
                "firefox-stderr");
        drain.setDaemon(true);
        drain.start();
        return URI.create(m.group(1));
      }
    }
    throw new IOException("firefox exited before its remote agent listened:\n" + seen);
  }

  private JsonNode command(String method, Map<String, Object> params) throws Exception {
    long id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = json.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", json.valueToTree(params));
    socket.sendText(json.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    JsonNode result = answer.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (result.path("type").asText().equals("error")) {
      throw new IllegalStateException(
          method + " failed: " + result.path("error").asText() + " " + result.path("message"));
    }
    return result.path("result");
  }

  @Override
  public void open(URI uri) throws Exception {
    command(
        "browsingContext.navigate",
        Map.of("context", context, "url", uri.toString(), "wait", "complete"));
  }

  /** The value of a JavaScript expression, carried back as JSON text and read as such. */
  @Override
  public JsonNode eval(String expression) throws Exception {
    String wrapped =
        "Promise.resolve(("
            + expression
            + ")).then(v => JSON.stringify(v === undefined ? null : v))";
    JsonNode r =
        command(
            "script.evaluate",
            Map.of(
                "expression",
                wrapped,
                "target",
                Map.of("context", context),
                "awaitPromise",
                true,
                "resultOwnership",
                "none"));
    if (!r.path("type").asText().equals("success")) {
      throw new IllegalStateException("script failed: " + expression + " " + r);
    }
    return json.readTree(r.path("result").path("value").asText("null"));
  }

  @Override
  public void click(String selector) throws Exception {
    await(
        selector + " is enabled",
        "(() => { const e = document.querySelector("
            + BrowserPage.quote(selector)
            + "); return !!e && !e.disabled && e.getBoundingClientRect().width > 0; })()");
    String where =
        "(() => { const e = document.querySelector("
            + BrowserPage.quote(selector)
            + "); e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            + " const x = Math.round(r.x + r.width / 2), y = Math.round(r.y + r.height / 2);"
            + " const hit = document.elementFromPoint(x, y);"
            + " return hit && (hit === e || e.contains(hit)) ? [x, y] : null; })()";
    JsonNode box = eval(where);
    for (int i = 0; i < 50 && box.isNull(); i++) {
      TimeUnit.MILLISECONDS.sleep(100);
      box = eval(where);
    }
    if (box.isNull()) {
      throw new AssertionError(selector + " stays covered or moving; it cannot be clicked");
    }
    Map<String, Object> mouse =
        Map.of(
            "type",
            "pointer",
            "id",
            "mouse",
            "parameters",
            Map.of("pointerType", "mouse"),
            "actions",
            List.of(
                Map.of(
                    "type",
                    "pointerMove",
                    "x",
                    box.get(0).asInt(),
                    "y",
                    box.get(1).asInt(),
                    "origin",
                    "viewport"),
                Map.of("type", "pointerDown", "button", 0),
                Map.of("type", "pointerUp", "button", 0)));
    command("input.performActions", Map.of("context", context, "actions", List.of(mouse)));
  }

  @Override
  public void await(String what, String condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    String check =
        "(() => { try { return !!(" + condition + "); } catch (e) { return false; } })()";
    while (!eval(check).asBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the page never showed: " + what);
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  @Override
  public int screenshot(Path file) throws Exception {
    JsonNode shot = command("browsingContext.captureScreenshot", Map.of("context", context));
    byte[] png = Base64.getDecoder().decode(shot.path("data").asText());
    Files.createDirectories(file.getParent());
    Files.write(file, png);
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 4) {
      for (int x = 0; x < image.getWidth(); x += 4) {
        colours.add(image.getRGB(x, y));
      }
    }
    return colours.size();
  }

  @Override
  public void close() {
    try {
      command("session.end", Map.of());
    } catch (Exception e) {
      // the browser is going away regardless
    }
    socket.abort();
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /** Collects a message's fragments and completes the command it answers; events are ignored. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode message = json.readTree(text.toString());
          if (message.has("id") && !message.get("id").isNull()) {
            CompletableFuture<JsonNode> f = pending.remove(message.get("id").asLong());
            if (f != null) {
              f.complete(message);
            }
          }
        } catch (IOException e) {
          // not a protocol message; ignored
        }
        text.setLength(0);
      }
      ws.request(1);
      return null;
    }
  }
}
