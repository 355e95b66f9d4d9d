package com.kippu.simulator.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.simulator.SimulatorMain;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code demo --web} watched in a real headless Chromium: a gate scenario's steps, gate steps,
 * checks and device actions appear on the page as the console prints them; paused, the demo stops
 * and goes on one step per click; resumed, it plays to its end and passes.
 */
class DemoWatchBrowserIntegrationTest {
  private static final String SCENARIO = "gate-offline";
  private static final String POINTS =
      "document.querySelectorAll('#narration li:not(.text)').length";

  @TempDir Path dir;

  @Test
  void aGateScenarioIsWatchedStepByStepWithPauseAndSingleStep() throws Exception {
    try (DemoWatchServer server =
            DemoWatchServer.start(List.of(SCENARIO), Duration.ofMillis(50), 0);
        HeadlessChromium page = HeadlessChromium.start(dir.resolve("chromium"))) {
      page.open(server.uri());
      page.await("the page is live", "document.getElementById('link').textContent === 'live'");
      PageSteps.click(page, "#pause");
      page.await("paused", "document.body.dataset.paused === 'true'");

      ByteArrayOutputStream console = new ByteArrayOutputStream();
      PrintStream out = server.narration(new PrintStream(console, true, StandardCharsets.UTF_8));
      CompletableFuture<Integer> demo =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return SimulatorMain.playDemo(
                      SCENARIO, dir.resolve("demo"), out, server.watcher());
                } catch (Exception e) {
                  throw new IllegalStateException(e);
                }
              });

      page.await(
          "the demo stops at its first step",
          "document.body.dataset.waiting === 'true' && " + POINTS + " === 1");
      Thread.sleep(1_500);
      assertEquals(1, page.eval(POINTS).asInt(), "a paused demo does not go on");
      for (int i = 2; i <= 4; i++) {
        PageSteps.click(page, "#step");
        page.await(
            "one step on, to step " + i,
            "document.body.dataset.waiting === 'true' && " + POINTS + " === " + i);
      }
      PageSteps.shot(page, "demo-01-paused");

      PageSteps.click(page, "#resume");
      page.await(
          "the scenario passes",
          "document.getElementById('scenarios').textContent.includes('" + SCENARIO + ": passed')");
      assertEquals(0, demo.get(120, TimeUnit.SECONDS), console.toString(StandardCharsets.UTF_8));
      for (String kind : List.of("scenario", "gate", "check-ok", "device", "shown")) {
        assertTrue(
            page.eval("document.querySelectorAll('#narration li." + kind + "').length > 0")
                .asBoolean(),
            kind + " lines on the page");
      }
      assertTrue(
          page.text("#narration").contains("[check] ok"), "the checks as the console says them");
      assertTrue(
          console.toString(StandardCharsets.UTF_8).contains("[check] ok"), "and on the console");
      PageSteps.shot(page, "demo-02-passed");
    }
  }
}
