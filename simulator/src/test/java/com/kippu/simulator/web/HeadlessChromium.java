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
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
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
 * A real headless Chromium driven over the Chrome DevTools Protocol: the system's {@code chromium}
 * (installed by the project's {@code scripts/install-chromium.sh} when missing, never downloaded by
 * the test), one page, mouse clicks at the centre of elements, JavaScript to read the page, and
 * screenshots. Fails, never skips, when no browser can be had.
 */
final class HeadlessChromium implements BrowserPage {
  private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(30);

  private final ObjectMapper json = new ObjectMapper();
  private final Process process;
  private final WebSocket socket;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();

  private HeadlessChromium(Process process, URI page) throws Exception {
    this.process = process;
    this.socket =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(page, new Listener())
            .get(30, TimeUnit.SECONDS);
  }

  /** Starts Chromium with its profile under {@code profile}, installing it first when missing. */
  static HeadlessChromium start(Path profile) throws Exception {
    String binary = BrowserInstall.ensure("chromium", "install-chromium.sh");
    Process p =
        new ProcessBuilder(
                binary,
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--hide-scrollbars",
                "--lang=en-US",
                "--window-size=1400,1500",
                "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0",
                "--user-data-dir=" + profile.toAbsolutePath(),
                "about:blank")
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    URI browser = devToolsAddress(p);
    URI page = pageTarget(browser);
    HeadlessChromium chromium = new HeadlessChromium(p, page);
    chromium.command("Page.enable", Map.of());
    chromium.command("Runtime.enable", Map.of());
    return chromium;
  }

  private static URI devToolsAddress(Process p) throws IOException {
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
                "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        return URI.create(m.group(1));
      }
    }
    throw new IOException("chromium exited before it listened:\n" + seen);
  }

  /** The first page target of the browser at {@code browser} (its DevTools web socket). */
  private static URI pageTarget(URI browser) throws Exception {
    URI list = URI.create("http://" + browser.getAuthority() + "/json/list");
    String body =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(list).build(), HttpResponse.BodyHandlers.ofString())
            .body();
    for (JsonNode target : new ObjectMapper().readTree(body)) {
      if (target.path("type").asText().equals("page")) {
        return URI.create(target.path("webSocketDebuggerUrl").asText());
      }
    }
    throw new IOException("chromium has no page target: " + body);
  }

  JsonNode command(String method, Map<String, Object> params) throws Exception {
    long id = ids.incrementAndGet();
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    ObjectNode message = json.createObjectNode();
    message.put("id", id);
    message.put("method", method);
    message.set("params", json.valueToTree(params));
    socket.sendText(json.writeValueAsString(message), true).get(10, TimeUnit.SECONDS);
    JsonNode result = answer.get(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    if (result.has("error")) {
      throw new IllegalStateException(method + " failed: " + result.get("error"));
    }
    return result.path("result");
  }

  @Override
  public void open(URI uri) throws Exception {
    command("Page.navigate", Map.of("url", uri.toString()));
  }

  /** The value of a JavaScript expression in the page. */
  @Override
  public JsonNode eval(String expression) throws Exception {
    JsonNode r =
        command(
            "Runtime.evaluate",
            Map.of("expression", expression, "returnByValue", true, "awaitPromise", true));
    if (r.has("exceptionDetails")) {
      throw new IllegalStateException("script failed: " + expression + " " + r);
    }
    return r.path("result").path("value");
  }

  /** Clicks the middle of the element as a mouse would; fails when it is missing or disabled. */
  @Override
  public void click(String selector) throws Exception {
    await(
        selector + " is enabled",
        "(() => { const e = document.querySelector("
            + quote(selector)
            + "); return !!e && !e.disabled && e.getBoundingClientRect().width > 0; })()");
    // The middle of the element, once nothing moves it or covers it there.
    String where =
        "(() => { const e = document.querySelector("
            + quote(selector)
            + "); e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            + " const x = r.x + r.width / 2, y = r.y + r.height / 2;"
            + " const hit = document.elementFromPoint(x, y);"
            + " return hit && (hit === e || e.contains(hit)) ? [x, y] : null; })()";
    JsonNode box = eval(where);
    for (int i = 0; i < 50 && box.isNull(); i++) {
      TimeUnit.MILLISECONDS.sleep(100);
      box = eval(where);
    }
    if (box.isNull()) {
      String hit =
          eval("(() => { const e = document.querySelector("
                  + quote(selector)
                  + "); const r = e.getBoundingClientRect();"
                  + " const h = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);"
                  + " return JSON.stringify([r.x, r.y, r.width, r.height, innerHeight,"
                  + " h ? h.outerHTML.substring(0, 120) : null]); })()")
              .asText();
      screenshot(Path.of("target", "screenshots", "failed-click.png"));
      throw new AssertionError(
          selector + " stays covered or moving; it cannot be clicked (at, hit: " + hit + ")");
    }
    double x = box.get(0).asDouble();
    double y = box.get(1).asDouble();
    for (String type : new String[] {"mousePressed", "mouseReleased"}) {
      command(
          "Input.dispatchMouseEvent",
          Map.of("type", type, "x", x, "y", y, "button", "left", "clickCount", 1));
    }
  }

  /** Waits until a JavaScript condition holds in the page, or fails naming {@code what}. */
  @Override
  public void await(String what, String condition) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    // A page still loading throws; that is "not yet".
    String check =
        "(() => { try { return !!(" + condition + "); } catch (e) { return false; } })()";
    while (!eval(check).asBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the page never showed: " + what);
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
  }

  /** Writes a PNG of the page to {@code file}; how many distinct colours it holds. */
  @Override
  public int screenshot(Path file) throws Exception {
    JsonNode shot = command("Page.captureScreenshot", Map.of("format", "png"));
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

  static String quote(String s) {
    return BrowserPage.quote(s);
  }

  @Override
  public void close() {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      // the browser is going away regardless
    }
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

  /** Collects a message's fragments and completes the command it answers. */
  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          JsonNode message = json.readTree(text.toString());
          if (message.has("id")) {
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
