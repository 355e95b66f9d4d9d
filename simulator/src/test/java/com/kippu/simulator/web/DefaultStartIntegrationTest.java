package com.kippu.simulator.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.kippu.simulator.SimulatorMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * README command 1 as a newcomer runs it: the simulator's real main with no arguments, in a child
 * JVM, serves the page on loopback port 8080 and prints the address to open. Skipped, saying why,
 * only when something else already listens on that port.
 */
class DefaultStartIntegrationTest {
  private static final int PORT = 8080;
  private static final String ADDRESS = "http://127.0.0.1:" + PORT + "/";

  @TempDir Path dir;

  @Test
  void withNoArgumentsItServesThePageOnLoopbackPort8080AndPrintsItsAddress() throws Exception {
    assumeTrue(
        portFree(),
        "port " + PORT + " on 127.0.0.1 is already taken by another program: not tested here");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child =
        new ProcessBuilder(
                java, "-cp", System.getProperty("java.class.path"), SimulatorMain.class.getName())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .start();
    List<String> printed = new ArrayList<>();
    try {
      CompletableFuture<String> announced = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                  for (String line = out.readLine(); line != null; line = out.readLine()) {
                    synchronized (printed) {
                      printed.add(line);
                    }
                    if (line.contains(ADDRESS)) {
                      announced.complete(line);
                    }
                  }
                  announced.completeExceptionally(new IOException("output ended: " + printed));
                } catch (IOException e) {
                  announced.completeExceptionally(e);
                }
              },
              "child-output");
      reader.setDaemon(true);
      reader.start();
      String line = announced.get(180, TimeUnit.SECONDS);
      assertTrue(line.contains("open " + ADDRESS), line);

      HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      HttpResponse<String> pageResponse =
          http.send(
              HttpRequest.newBuilder(URI.create(ADDRESS)).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, pageResponse.statusCode());
      assertTrue(pageResponse.body().contains("id=\"screen\""), "the ATM page is served");
      HttpResponse<String> state =
          http.send(
              HttpRequest.newBuilder(URI.create(ADDRESS + "api/state")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertEquals(200, state.statusCode());
      assertTrue(state.body().contains("\"ticketsAvailable\":true"), state.body());
    } finally {
      child.destroy();
      if (!child.waitFor(30, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    }
  }

  private static boolean portFree() {
    try (ServerSocket probe = new ServerSocket(PORT, 1, InetAddress.getByName("127.0.0.1"))) {
      return probe.isBound();
    } catch (IOException e) {
      return false;
    }
  }
}
