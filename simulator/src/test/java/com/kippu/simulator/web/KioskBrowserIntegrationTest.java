package com.kippu.simulator.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.simulator.Branch;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kiosk in a real headless Chromium (F7): a customer who inserted no card buys a commuter pass,
 * typing the holder's name, phone and address into the screen's field, pays by credit card and
 * takes the new card the stocker fed and the printer printed; a customer registers as a user and
 * the operator checks the registration's identity document at the counter from the panel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KioskBrowserIntegrationTest {

  private Branch branch;
  private WebServer web;
  private HeadlessChromium page;

  @BeforeAll
  void openTheKioskInTheBrowser(@TempDir Path dir) throws Exception {
    branch =
        Branch.open(
            dir.resolve("branch"),
            Clock.systemUTC(),
            "WEBKIOSK",
            Duration.ofSeconds(8),
            TerminalProfile.Kind.KIOSK);
    web = WebServer.start(branch, InetAddress.getByName("127.0.0.1"), 0);
    page = HeadlessChromium.start(dir.resolve("chromium"));
    page.open(web.uri());
    page.await("the page's first state", "document.body.dataset.ready === 'true'");
  }

  @AfterAll
  void close() throws Exception {
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
  @Order(1)
  void buysACommuterPassTypingTheHolderAndTakesTheNewCard() throws Exception {
    int blanks = branch.slot().blanksInStocker();
    page.await("the kiosk button", "!document.getElementById('kiosk-start').hidden");
    page.eval("document.getElementById('card-select').value = 'KC-10001'");
    click("#kiosk-start");
    choose("choose-card-type", "COMMUTER_PASS");
    choose("select-railway", "keihin-rail");
    choose("select-line", "京浜本線");
    choose("select-stations", "品川-横浜");
    choose("select-period", "keihin-shinagawa-yokohama-1m");
    type("enter-holder-name", "佐藤 花子");
    shot("kiosk-01-holder-name");
    type("enter-holder-phone", "045-123-4567");
    type("enter-holder-address", "神奈川県横浜市西区1-1-1");
    choose("choose-fare-class", "ADULT");
    choose("choose-first-day", "today");
    awaitScreen("confirm-purchase");
    shot("kiosk-02-confirm");
    choose("confirm-purchase", "confirm");
    choose("choose-card", "new");
    choose("choose-payment", "credit");
    page.await(
        "the reader waits",
        "document.getElementById('reader-state').textContent.includes('waits')");
    click("#swipeable button[data-swipe='1']");
    page.await(
        "the card is presented",
        "document.getElementById('slot-state').textContent.includes('take it')");
    shot("kiosk-03-take-card");
    click("#take-card");
    page.await("the session ends", "document.getElementById('kiosk-start').disabled === false");
    assertEquals(blanks - 1, branch.slot().blanksInStocker(), "one blank card fed");
    Path face = branch.dir().resolve("stocker").resolve("KB-00001.card.face.png");
    assertTrue(Files.exists(face), "the new card's face was printed: " + face);
  }

  @Test
  @Order(2)
  void theOperatorChecksTheIdentityOfAUserWhoRegisteredAtTheKiosk() throws Exception {
    PageSteps.assertEverySwitchHasAButton(page, branch);
    String field = "#switches input[data-switch-line='identity-check']";
    String check = "#switches button[data-switch='identity-check']";
    click(check);
    page.await(
        "an empty line checks nothing",
        "document.getElementById('message').textContent.includes('Nothing checked')");

    page.eval("document.getElementById('card-select').value = 'KC-10002'");
    click("#insert-card");
    choose(ServiceMenu.SCREEN, TicketingPlugin.REGISTER);
    type("register-name", "鈴木 太郎");
    type("register-phone", "03-1234-5678");
    type("register-address", "東京都千代田区1-1");
    type("register-user-id", "taro0042");
    long first = enterPin("2468", 0);
    enterPin("2468", first);
    // Registered, the card linked to the new user: the customer takes it back.
    PageSteps.takeCard(page);

    page.eval(
        "document.querySelector("
            + HeadlessChromium.quote(field)
            + ").value = 'taro0042 PASSPORT'");
    shot("kiosk-04-identity-check");
    click(check);
    page.await(
        "the check is answered",
        "document.getElementById('message').textContent.includes('Identity of taro0042 checked by')");
    assertTrue(page.text("#message").contains("on PASSPORT"), page.text("#message"));
  }

  /**
   * Types {@code pin} on the PIN pad once a screen after screen {@code after} asks for it, and
   * presses Enter; the number of the screen that asked.
   */
  private long enterPin(String pin, long after) throws Exception {
    page.await(
        "the PIN pad asks",
        "document.getElementById('pin-pad').dataset.active === 'true'"
            + " && Number(document.getElementById('screen').dataset.sequence) > "
            + after);
    long asking = page.eval("Number(document.getElementById('screen').dataset.sequence)").asLong();
    for (char digit : pin.toCharArray()) {
      PageSteps.pinKey(page, String.valueOf(digit));
    }
    PageSteps.pinKey(page, "enter");
    return asking;
  }

  private void click(String selector) throws Exception {
    PageSteps.click(page, selector);
  }

  private void choose(String screen, String key) throws Exception {
    awaitScreen(screen);
    click("#choices button[data-key=" + HeadlessChromium.quote(key) + "]");
  }

  private void type(String screen, String text) throws Exception {
    awaitScreen(screen);
    page.eval(
        "document.querySelector('#choices input.typed').value = " + HeadlessChromium.quote(text));
    click("#choices button.choice:not([data-key])");
  }

  private void awaitScreen(String id) throws Exception {
    PageSteps.awaitScreen(page, id);
  }

  private void shot(String name) throws Exception {
    PageSteps.shot(page, name);
  }
}
