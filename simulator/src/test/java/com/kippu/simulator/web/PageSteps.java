package com.kippu.simulator.web;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.kippu.simulator.Branch;
import com.kippu.simulator.Operator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a person does on the simulator's page, as the Chromium browser tests do it. */
final class PageSteps {
  static final Path SHOTS = Path.of("target", "screenshots");

  private PageSteps() {}

  /** Clicks once the page has its answer to the previous click, as a person waits for it. */
  static void click(HeadlessChromium page, String selector) throws Exception {
    page.await("the previous click answered", "document.body.dataset.busy !== 'true'");
    page.click(selector);
  }

  /** Waits until screen {@code id} is shown and asks for an answer. */
  static void awaitScreen(HeadlessChromium page, String id) throws Exception {
    page.await(
        "screen " + id,
        "document.getElementById('screen').dataset.screen === '"
            + id
            + "' && document.getElementById('screen').dataset.awaits === 'true'");
  }

  /** Inserts {@code cardId} and starts the service menu's first entry, the ticket purchase. */
  static void insertCard(HeadlessChromium page, String cardId) throws Exception {
    page.eval("document.getElementById('card-select').value = " + HeadlessChromium.quote(cardId));
    click(page, "#insert-card");
    awaitScreen(page, ServiceMenu.SCREEN);
    click(page, "#choices button.choice:not([data-key='cancel'])");
    page.await(
        "the chosen service starts",
        "document.getElementById('screen').dataset.screen !== '" + ServiceMenu.SCREEN + "'");
  }

  static void takeCard(HeadlessChromium page) throws Exception {
    page.await(
        "the card is presented",
        "document.getElementById('slot-state').textContent.includes('take it')");
    click(page, "#take-card");
    page.await("the slot is empty", "document.getElementById('insert-card').disabled === false");
  }

  static void pinKey(HeadlessChromium page, String key) throws Exception {
    click(page, "#pin-pad button[data-pin='" + key + "']");
    page.await("the key is pressed", "document.body.dataset.busy === 'false'");
  }

  /** A request the page could send, with the status and error the branch answered. */
  static JsonNode postFromPage(HeadlessChromium page, String action, String body) throws Exception {
    return page.eval(
        "fetch('/api/"
            + action
            + "', {method: 'POST', headers: {'Content-Type': 'application/json'},"
            + " body: JSON.stringify("
            + body
            + ")}).then(async r => ({status: r.status, error: (await r.json()).error || ''}))");
  }

  /** Every switch of the branch's operator mode has its button on the operator panel. */
  static void assertEverySwitchHasAButton(HeadlessChromium page, Branch branch) throws Exception {
    List<String> missing = new ArrayList<>();
    for (Operator.Switch sw : new Operator(branch, null, null).switches()) {
      String button = "#switches button[data-switch='" + sw.key() + "']";
      if (!page.eval("document.querySelector(" + HeadlessChromium.quote(button) + ") !== null")
          .asBoolean()) {
        missing.add(sw.key());
      }
    }
    assertTrue(missing.isEmpty(), "switches without a button: " + missing);
  }

  /** A screenshot under target/, checked to be a real, non-blank picture. */
  static void shot(HeadlessChromium page, String name) throws Exception {
    Path file = SHOTS.resolve(name + ".png");
    int colours = page.screenshot(file);
    assertTrue(Files.size(file) > 10_000, name + " is a real picture");
    assertTrue(colours > 30, name + " is not blank: " + colours + " colours");
  }
}
