package com.kippu.simulator.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.spi.TerminalProfile;
import com.kippu.simulator.Branch;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The page works in Firefox too: a real headless Firefox ESR (WebDriver BiDi) buys a ticket with
 * the mouse only, in Japanese first and then in English, paying cash and taking the change.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FirefoxBrowserIntegrationTest {
  private static final Path SHOTS = Path.of("target", "screenshots");

  private Branch branch;
  private WebServer web;
  private BrowserPage page;

  @BeforeAll
  void openTheBranchInFirefox(@TempDir Path dir) throws Exception {
    branch =
        Branch.open(
            dir.resolve("branch"),
            Clock.systemUTC(),
            "WEBFFOX1",
            Duration.ofSeconds(8),
            TerminalProfile.Kind.BANK_ATM);
    web = WebServer.start(branch, InetAddress.getByName("127.0.0.1"), 0);
    page = HeadlessFirefox.start(dir.resolve("firefox"));
    page.open(web.uri());
    page.await("the page's first state", "document.body.dataset.ready === 'true'");
  }

  @AfterAll
  void close() {
    if (page != null) {
      page.close();
    }
    if (web != null) {
      web.close();
    }
    if (branch != null) {
      branch.close();
    }
  }

  @Test
  void buysATicketWithTheMousePayingCashWithChange() throws Exception {
    page.eval("document.getElementById('card-select').value = 'KC-10001'");
    click("#insert-card");
    awaitScreen(ServiceMenu.SCREEN);
    click("#choices button.choice:not([data-key='cancel'])");
    page.await(
        "the chosen service starts",
        "document.getElementById('screen').dataset.screen !== '" + ServiceMenu.SCREEN + "'");
    awaitScreen("select-event");
    assertEquals("公演を選んでください", page.text("#screen-title"));
    shot("firefox-01-select-event-ja");
    click("#lang-en");
    page.await(
        "English screen",
        "document.getElementById('screen-title').textContent === 'Choose an event'");
    click("#choices button.choice:not([data-key='cancel'])");
    awaitScreen("select-seat");
    click("#choices button.choice:not([data-key='cancel'])");
    awaitScreen("choose-payment");
    click("#choices button[data-key='cash']");
    awaitScreen("insert-cash");
    for (int i = 0; i < 2; i++) {
      click("#denominations button[data-yen='10000']");
      page.await("the note is counted", "document.body.dataset.busy === 'false'");
    }
    click("#choices button[data-key='done']");
    page.await(
        "the ticket is issued", "document.getElementById('screen').dataset.screen === 'completed'");
    page.await("the receipt is printed", "document.querySelectorAll('#receipts img').length > 0");
    page.await("the receipt image loaded", "document.querySelector('#receipts img').complete");
    shot("firefox-02-completed-cash");
    page.await(
        "the card is presented",
        "document.getElementById('slot-state').textContent.includes('take it')");
    click("#take-card");
    page.await("the slot is empty", "document.getElementById('insert-card').disabled === false");
    click("#take-cash");
    page.await(
        "the change is taken",
        "/You took [0-9,]+ yen/.test(document.getElementById('message').textContent)");
    long change = Long.parseLong(page.text("#message").replaceAll("[^0-9]", ""));
    assertTrue(change > 0 && change < 20_000, "change for a seat paid with 20,000 yen: " + change);
  }

  private void click(String selector) throws Exception {
    page.await("the previous click answered", "document.body.dataset.busy !== 'true'");
    page.click(selector);
  }

  private void awaitScreen(String id) throws Exception {
    page.await(
        "screen " + id,
        "document.getElementById('screen').dataset.screen === '"
            + id
            + "' && document.getElementById('screen').dataset.awaits === 'true'");
  }

  private void shot(String name) throws Exception {
    Path file = SHOTS.resolve(name + ".png");
    int colours = page.screenshot(file);
    assertTrue(Files.size(file) > 10_000, name + " is a real picture");
    assertTrue(colours > 30, name + " is not blank: " + colours + " colours");
  }
}
