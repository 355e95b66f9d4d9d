package com.kippu.simulator.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.simulator.Branch;
import com.kippu.simulator.BranchCards;
import java.net.InetAddress;
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
 * The tester's side of the page in a real headless Chromium, on a branch the page opened itself:
 * the bank host declines with a chosen code and the customer's screen says so, a credit card is
 * swiped on the magnetic reader, the terminal is restarted as a kiosk (refused while a session
 * runs), the kiosk issues a card and the page shows its contents and printed face, and the terminal
 * goes back to being a bank ATM with every account of the branch on the bank panel.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorBrowserIntegrationTest {
  private static final Branch.Customer HANAKO = Branch.CUSTOMERS.get(0);

  private WebServer web;
  private HeadlessChromium page;

  @BeforeAll
  void openTheBranchFromThePage(@TempDir Path dir) throws Exception {
    web =
        WebServer.start(
            kind ->
                Branch.open(
                    dir.resolve("branch"),
                    Clock.systemUTC(),
                    "WEBKIND1",
                    Duration.ofSeconds(8),
                    kind),
            TerminalProfile.Kind.BANK_ATM,
            InetAddress.getByName("127.0.0.1"),
            0);
    page = HeadlessChromium.start(dir.resolve("chromium"));
    page.open(web.uri());
    page.await("the page's first state", "document.body.dataset.ready === 'true'");
    click("#lang-en");
    page.await("English", "document.documentElement.lang === 'en'");
  }

  @AfterAll
  void close() throws Exception {
    if (page != null) {
      page.close();
    }
    if (web != null) {
      web.close();
    }
  }

  private Branch branch() throws Exception {
    return web.branch();
  }

  @Test
  @Order(1)
  void theHostDeclinesWithAChosenCodeAndTheCustomerIsToldAndMayChooseAgain() throws Exception {
    long before = branch().bank().ledger().balance(HANAKO.account());
    page.eval(
        "(() => { const s = document.getElementById('decline-code'); s.value = '54';"
            + " s.dispatchEvent(new Event('change')); })()");
    page.await(
        "the host declines",
        "document.getElementById('host-state').textContent.includes('Declining payments 54')");
    buyUpToPayment();
    click("#choices button[data-key='transfer']");
    page.await("the PIN pad asks", "document.getElementById('pin-pad').dataset.active === 'true'");
    for (char digit : Branch.demoPin(HANAKO).toCharArray()) {
      pinKey(String.valueOf(digit));
    }
    pinKey("enter");
    awaitScreen("choose-payment");
    page.await(
        "the decline stays on the screen",
        "document.getElementById('screen-notice').dataset.screen === 'payment-declined'"
            + " && !document.getElementById('screen-notice').hidden");
    shot("operator-01-declined-54");
    assertEquals(before, branch().bank().ledger().balance(HANAKO.account()), "nothing was taken");

    // The card network declines with the same code: a credit card swiped now is refused too.
    var credit = BranchCards.of(HANAKO, AuthorizationRequest.Kind.CREDIT);
    long left = branch().network().available(credit.number());
    long shown = page.eval("Number(document.getElementById('screen').dataset.sequence)").asLong();
    click("#choices button[data-key='credit']");
    page.await(
        "the reader waits",
        "document.getElementById('reader-state').textContent.includes('waits')");
    click(swipeButton("CREDIT"));
    page.await(
        "the credit card is declined and the customer may choose again",
        "Number(document.getElementById('screen').dataset.sequence) > "
            + (shown + 1)
            + " && document.getElementById('screen').dataset.screen === 'choose-payment'"
            + " && document.getElementById('screen').dataset.awaits === 'true'"
            + " && !document.getElementById('screen-notice').hidden");
    assertEquals(left, branch().network().available(credit.number()), "no credit was used");
    click("#cancel");
    takeCard();
    page.eval(
        "(() => { const s = document.getElementById('decline-code'); s.value = '';"
            + " s.dispatchEvent(new Event('change')); })()");
    page.await(
        "the host answers again",
        "!document.getElementById('host-state').textContent.includes('Declining')");
  }

  @Test
  @Order(2)
  void aSlowAnswerComesTheChosenSecondsLateAndALostOneShowsArmedUntilItFires() throws Exception {
    page.eval("document.getElementById('slow-seconds').value = '3'");
    click("#slow-answer");
    page.await(
        "the slow answer is armed",
        "document.getElementById('host-state').textContent.includes('sent 3 s late')");
    buyUpToPayment();
    // Timed from before the customer pays: the host holds its answer 3 s from the moment the
    // request reaches it, which may be before the page has finished reporting the last key.
    long entered = System.nanoTime();
    payByTransfer();
    page.await(
        "the ticket is issued", "document.getElementById('screen').dataset.screen === 'completed'");
    long tookMs = (System.nanoTime() - entered) / 1_000_000;
    assertTrue(tookMs >= 3_000, "the answer came 3 s late, the sale took " + tookMs + " ms");
    page.await(
        "the slow answer fired",
        "!document.getElementById('host-state').textContent.includes('late')");
    takeCard();

    long before = branch().bank().ledger().balance(HANAKO.account());
    click("[data-host='drop-answer']");
    page.await(
        "the lost answer is armed",
        "document.getElementById('host-state').textContent.includes('1 answer(s) will be lost')"
            + " && document.querySelector(\"[data-host='drop-answer']\").classList.contains('armed')");
    shot("operator-02-lost-answer-armed");
    Thread.sleep(1_000);
    assertTrue(
        page.text("#host-state").contains("will be lost"), "still armed while nothing was sent");
    buyUpToPayment();
    payByTransfer();
    page.await(
        "the lost answer fired",
        "!document.getElementById('host-state').textContent.includes('will be lost')");
    // The terminal gives up on the lost answer and reverses: the session ends, nothing is taken.
    page.await(
        "the session ends",
        "document.getElementById('slot-state').textContent.includes('take it')"
            + " || (document.getElementById('screen').dataset.screen === 'choose-payment'"
            + " && document.getElementById('screen').dataset.awaits === 'true')");
    if (page.text("#slot-state").contains("take it")) {
      takeCard();
    } else {
      click("#cancel");
      takeCard();
    }
    long deadline = System.currentTimeMillis() + 30_000;
    while (branch().bank().ledger().balance(HANAKO.account()) != before
        && System.currentTimeMillis() < deadline) {
      Thread.sleep(200);
    }
    assertEquals(
        before, branch().bank().ledger().balance(HANAKO.account()), "the transfer was reversed");

    // Kept back: armed, then held at the host until the operator sends it, in time.
    click("[data-host='hold-answer']");
    page.await(
        "the hold is armed",
        "document.getElementById('host-state').textContent.includes('will be kept back')");
    buyUpToPayment();
    payByTransfer();
    page.await(
        "the answer is kept back",
        "document.getElementById('host-state').textContent.includes('1 answer(s) kept back')"
            + " && !document.getElementById('host-state').textContent.includes('will be')");
    click("[data-host='release']");
    page.await(
        "the ticket is issued", "document.getElementById('screen').dataset.screen === 'completed'");
    page.await(
        "nothing is kept back any more",
        "!document.getElementById('host-state').textContent.includes('kept back')");
    takeCard();
  }

  private void payByTransfer() throws Exception {
    click("#choices button[data-key='transfer']");
    page.await("the PIN pad asks", "document.getElementById('pin-pad').dataset.active === 'true'");
    for (char digit : Branch.demoPin(HANAKO).toCharArray()) {
      pinKey(String.valueOf(digit));
    }
    pinKey("enter");
  }

  @Test
  @Order(2)
  void paysBySwipingACreditCardOnTheMagneticReader() throws Exception {
    var credit = BranchCards.of(HANAKO, AuthorizationRequest.Kind.CREDIT);
    long left = branch().network().available(credit.number());
    buyUpToPayment();
    click("#choices button[data-key='credit']");
    page.await(
        "the reader waits",
        "document.getElementById('reader-state').textContent.includes('waits')");
    shot("operator-02-swipe");
    click(swipeButton("CREDIT"));
    page.await(
        "the ticket is issued", "document.getElementById('screen').dataset.screen === 'completed'");
    takeCard();
    assertTrue(
        branch().network().available(credit.number()) < left,
        "the credit card paid: " + left + " -> " + branch().network().available(credit.number()));
  }

  @Test
  @Order(3)
  void restartsTheTerminalAsAKioskButNotDuringASession() throws Exception {
    page.await(
        "the kind is shown",
        "document.getElementById('terminal').textContent.includes('bank ATM')");
    insertCard(HANAKO.cardId());
    awaitScreen("select-event");
    assertTrue(
        page.eval("document.getElementById('restart-kind').disabled").asBoolean(),
        "no restart offered during a session");
    JsonNode refused = postFromPage("terminal-kind", "{kind: 'KIOSK'}");
    assertEquals(409, refused.get("status").asInt());
    assertTrue(refused.get("error").asText().contains("session is under way"), refused.toString());
    JsonNode unknown = postFromPage("terminal-kind", "{kind: 'TOASTER'}");
    assertEquals(400, unknown.get("status").asInt());
    click("#cancel");
    takeCard();

    restartAs("KIOSK");
    page.await(
        "the kiosk is up",
        "document.body.dataset.kind === 'KIOSK'"
            + " && !document.getElementById('kiosk-start').hidden"
            + " && document.getElementById('terminal').textContent.includes('kiosk')");
    page.await(
        "the restart is told",
        "document.getElementById('notices').textContent.includes('restarted as a kiosk')");
    shot("operator-03-kiosk");
  }

  @Test
  @Order(4)
  void showsTheContentsAndPrintedFaceOfACardTheKioskIssued() throws Exception {
    JsonNode bankCard = fetchFromPage("/api/card/KC-10001/face.png");
    assertEquals(200, bankCard.get("status").asInt(), "a bank card's face drawn from its chip");
    JsonNode strange = fetchFromPage("/api/card/KC.10001");
    assertEquals(400, strange.get("status").asInt());
    JsonNode unknown = fetchFromPage("/api/card/KB-99999/face.png");
    assertEquals(404, unknown.get("status").asInt());

    page.eval("document.getElementById('card-select').value = 'KC-10001'");
    click("#kiosk-start");
    choose("choose-card-type", "EVENT_TICKET");
    choose("select-genre", "コンサート");
    choose("select-artist", "深田聖子");
    choose("select-date-venue", "evt-2027-02-25-fukada");
    awaitScreen("select-seat");
    click("#choices button.choice:not([data-key='cancel'])");
    choose("confirm-purchase", "confirm");
    choose("choose-card", "new");
    choose("choose-payment", "credit");
    page.await(
        "the reader waits",
        "document.getElementById('reader-state').textContent.includes('waits')");
    click(swipeButton("CREDIT"));
    takeCard();
    page.await(
        "the new card is in the list",
        "[...document.getElementById('card-select').options].some(o => o.value === 'KB-00001')");
    page.eval("document.getElementById('card-select').value = 'KB-00001'");
    click("#show-card");
    page.await(
        "the face is shown",
        "!document.getElementById('card-face-box').hidden"
            + " && document.getElementById('card-face').complete"
            + " && document.getElementById('card-face').naturalWidth > 300");
    String contents = page.text("#card-contents");
    assertTrue(contents.contains("face           printed"), contents);
    assertTrue(contents.contains("write-once") && contents.contains("card id"), contents);
    page.eval("document.getElementById('card-face').scrollIntoView({block: 'center'})");
    shot("operator-04-card-face");
  }

  @Test
  @Order(5)
  void restartsAsAHomePcAndAnInCompanyCd() throws Exception {
    JsonNode started = postFromPage("kiosk/start", "{cardId: 'KC-10001'}");
    assertEquals(200, started.get("status").asInt(), "a kiosk sells cards: " + started);
    page.await("the kiosk session starts", "document.getElementById('kiosk-start').disabled");
    click("#cancel");
    page.await("the session ends", "document.getElementById('kiosk-start').disabled === false");

    restartAs("HOME_PC");
    page.await(
        "the home PC is up",
        "document.body.dataset.kind === 'HOME_PC'"
            + " && document.getElementById('terminal').textContent.includes('home PC')");
    insertCard(HANAKO.cardId());
    page.await(
        "the home PC asks who is there",
        "document.getElementById('screen').dataset.awaits === 'true'");
    shot("operator-05-home-pc");
    click("#cancel");
    takeCard();

    restartAs("IN_COMPANY_CD");
    page.await(
        "the in-company CD is up",
        "document.body.dataset.kind === 'IN_COMPANY_CD'"
            + " && document.getElementById('terminal').textContent.includes('in-company CD')");
    insertCard(HANAKO.cardId());
    page.await(
        "the CD's first screen", "document.getElementById('screen').dataset.awaits === 'true'");
    click("#cancel");
    takeCard();
  }

  @Test
  @Order(6)
  void goesBackToABankAtmWithEveryAccountOnTheBankPanel() throws Exception {
    restartAs("BANK_ATM");
    page.await(
        "the bank ATM is up",
        "document.body.dataset.kind === 'BANK_ATM'"
            + " && document.getElementById('kiosk-start').hidden");
    page.await(
        "every account, the kiosk's issuers too",
        "document.getElementById('accounts').textContent.includes('Yokohama Live Kikaku')");
    JsonNode noCards = postFromPage("kiosk/start", "{cardId: 'KC-10001'}");
    assertEquals(409, noCards.get("status").asInt());
    assertTrue(noCards.get("error").asText().contains("sells no cards"), noCards.toString());
    String table = page.text("#accounts");
    for (String holder :
        new String[] {
          "Hanako Sato", "Taro Suzuki", "Tokyo Dome Promotions", "Kippu Railway", "Keihin Dentetsu"
        }) {
      assertTrue(table.contains(holder), holder + " in " + table);
    }
    assertTrue(!table.contains(HANAKO.account().value()), "accounts masked: " + table);
    // The card the kiosk issued is still in the branch, its face with it.
    page.await(
        "the issued card stays",
        "[...document.getElementById('card-select').options].some(o => o.value === 'KB-00001')");
    page.eval("document.getElementById('accounts').scrollIntoView({block: 'center'})");
    shot("operator-06-accounts");
  }

  /**
   * Restarts the terminal as {@code kind} from the operator panel: the branch closes and opens
   * again (a home PC makes its TLS certificates first), so the answer may take a while.
   */
  private void restartAs(String kind) throws Exception {
    page.eval("document.getElementById('kind-select').value = " + HeadlessChromium.quote(kind));
    click("#restart-kind");
    for (int i = 0; i < 4 && page.eval("document.body.dataset.busy").asText().equals("true"); i++) {
      try {
        page.await("the restart answered", "document.body.dataset.busy === 'false'");
      } catch (AssertionError stillRestarting) {
        // the branch is still opening
      }
    }
    String said = page.text("#message");
    assertTrue(said.contains("restarted as"), "the restart as " + kind + ": " + said);
  }

  private void buyUpToPayment() throws Exception {
    insertCard(HANAKO.cardId());
    awaitScreen("select-event");
    click("#choices button.choice:not([data-key='cancel'])");
    awaitScreen("select-seat");
    click("#choices button.choice:not([data-key='cancel'])");
    awaitScreen("choose-payment");
  }

  /** The reader's button for the holder's card of {@code kind}, found by its label. */
  private String swipeButton(String kind) throws Exception {
    page.await(
        "a " + kind + " card to swipe",
        "[...document.querySelectorAll('#swipeable button')].some(b => b.textContent.includes("
            + HeadlessChromium.quote(kind)
            + "))");
    int index =
        page.eval(
                "[...document.querySelectorAll('#swipeable button')].find(b =>"
                    + " b.textContent.includes("
                    + HeadlessChromium.quote(kind)
                    + ")).dataset.swipe")
            .asInt();
    return "#swipeable button[data-swipe='" + index + "']";
  }

  private void click(String selector) throws Exception {
    PageSteps.click(page, selector);
  }

  private void choose(String screen, String key) throws Exception {
    awaitScreen(screen);
    click("#choices button[data-key=" + HeadlessChromium.quote(key) + "]");
  }

  private void insertCard(String cardId) throws Exception {
    PageSteps.insertCard(page, cardId);
  }

  private void takeCard() throws Exception {
    PageSteps.takeCard(page);
  }

  private void pinKey(String key) throws Exception {
    PageSteps.pinKey(page, key);
  }

  private void awaitScreen(String id) throws Exception {
    PageSteps.awaitScreen(page, id);
  }

  private JsonNode postFromPage(String action, String body) throws Exception {
    return PageSteps.postFromPage(page, action, body);
  }

  /** A GET the page could send: its status and, when refused, the error it said. */
  private JsonNode fetchFromPage(String path) throws Exception {
    return page.eval(
        "fetch("
            + HeadlessChromium.quote(path)
            + ").then(async r => ({status: r.status, error: r.ok ? '' : (await r.json()).error}))");
  }

  private void shot(String name) throws Exception {
    PageSteps.shot(page, name);
  }
}
