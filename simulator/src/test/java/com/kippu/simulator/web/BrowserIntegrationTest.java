package com.kippu.simulator.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.TicketCode;
import com.kippu.atm.center.internal.DocumentParser;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.journal.SqliteJournal;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.gate.TicketFiles;
import com.kippu.simulator.Branch;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A customer, and an operator, with the mouse only: a real headless Chromium clicks through the web
 * simulator's page against a real branch (bank host, center, devices, plugin). Each tested screen
 * is saved under {@code target/screenshots/} and must not be blank.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIntegrationTest {
  private static final String HANAKO = "KC-10001";
  private static final String TARO = "KC-10002";

  private Branch branch;
  private WebServer web;
  private HeadlessChromium page;
  private Path dir;

  @BeforeAll
  void openTheBranchInTheBrowser(@TempDir Path dir) throws Exception {
    this.dir = dir;
    branch =
        Branch.open(
            dir.resolve("branch"),
            Clock.systemUTC(),
            "WEBTEST1",
            Duration.ofSeconds(8),
            TerminalProfile.Kind.BANK_ATM);
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
  void switchesToJapaneseAndBack() throws Exception {
    insertCard(TARO);
    awaitScreen("select-event");
    assertEquals("公演を選んでください", page.text("#screen-title"));
    shot("01-select-event-ja");
    click("#lang-en");
    page.await(
        "English screen",
        "document.getElementById('screen-title').textContent === 'Choose an event'");
    shot("02-select-event-en");
    click("#lang-ja");
    page.await(
        "Japanese again", "document.getElementById('screen-title').textContent === '公演を選んでください'");
    click("#cancel");
    takeCard();
  }

  @Test
  @Order(2)
  void buysATicketPayingCashWithChange() throws Exception {
    click("#lang-en");
    page.await("English", "document.documentElement.lang === 'en'");
    insertCard(HANAKO);
    awaitScreen("select-event");
    click("#choices button.choice:not([data-key='cancel'])");
    awaitScreen("select-seat");
    shot("03-select-seat");
    click("#choices button.choice:not([data-key='cancel'])");
    awaitScreen("choose-payment");
    shot("04-choose-payment");
    click("#choices button[data-key='cash']");
    awaitScreen("insert-cash");
    for (int i = 0; i < 2; i++) {
      click("#denominations button[data-yen='10000']");
      page.await("the note is counted", "document.body.dataset.busy === 'false'");
    }
    page.await(
        "the slot shows what went in",
        "document.getElementById('cash-state').textContent.includes('Inserted so far: 10,000 yen x"
            + " 2 (20,000 yen)')");
    click("#choices button[data-key='done']");
    page.await(
        "the ticket is issued", "document.getElementById('screen').dataset.screen === 'completed'");
    page.await("the receipt is printed", "document.querySelectorAll('#receipts img').length > 0");
    page.await("the receipt image loaded", "document.querySelector('#receipts img').complete");
    shot("05-completed-cash");
    takeCard();
    click("#take-cash");
    page.await(
        "the change is taken",
        "/You took [0-9,]+ yen/.test(document.getElementById('message').textContent)");
    String took = page.text("#message");
    long change = Long.parseLong(took.replaceAll("[^0-9]", ""));
    assertTrue(change > 0 && change < 20_000, "change for a seat paid with 20,000 yen: " + took);
    shot("06-change-taken");
  }

  @Test
  @Order(3)
  void entersThePinOnThePad() throws Exception {
    long before = branch.bank().ledger().balance(Branch.CUSTOMERS.get(0).account());
    insertCard(HANAKO);
    awaitScreen("select-event");
    click("#choices button.choice:not([data-key='cancel'])");
    awaitScreen("select-seat");
    click("#choices button.choice:not([data-key='cancel'])");
    awaitScreen("choose-payment");
    click("#choices button[data-key='transfer']");
    page.await("the PIN pad asks", "document.getElementById('pin-pad').dataset.active === 'true'");
    for (String key : new String[] {"4", "8"}) {
      pinKey(key);
    }
    page.await("two digits shown", "document.getElementById('pin-display').textContent === '●●'");
    shot("07-pin-pad");
    for (String key : new String[] {"2", "7", "enter"}) {
      pinKey(key);
    }
    page.await(
        "the ticket is issued", "document.getElementById('screen').dataset.screen === 'completed'");
    takeCard();
    long after = branch.bank().ledger().balance(Branch.CUSTOMERS.get(0).account());
    assertTrue(after < before, "the account paid: " + before + " -> " + after);
  }

  @Test
  @Order(4)
  void refusesBadInputAndChangesNothing() throws Exception {
    JsonNode unknown = postFromPage("card/insert", "{cardId: 'KC-99999'}");
    assertEquals(400, unknown.get("status").asInt());
    assertTrue(unknown.get("error").asText().contains("no card 'KC-99999'"), unknown.toString());
    assertEquals(
        false, page.eval("document.getElementById('take-card').disabled === false").asBoolean());

    insertCard(HANAKO);
    awaitScreen("select-event");
    String sequence = page.eval("document.getElementById('screen').dataset.sequence").asText();
    JsonNode coin = postFromPage("cash/insert", "{yen: 3, count: 1}");
    assertEquals(400, coin.get("status").asInt());
    JsonNode pin = postFromPage("pin", "{key: '1'}");
    assertEquals(409, pin.get("status").asInt());
    click("#choices button.choice:not([data-key='cancel'])");
    awaitScreen("select-seat");
    JsonNode again =
        postFromPage("answer", "{sequence: " + sequence + ", key: 'evt-2026-12-24-dome'}");
    assertEquals(409, again.get("status").asInt());
    assertTrue(again.get("error").asText().contains("already been answered"), again.toString());
    assertEquals(
        "select-seat", page.eval("document.getElementById('screen').dataset.screen").asText());
    click("#cancel");
    takeCard();
  }

  @Test
  @Order(4)
  void anUnknownCardIsRefusedWithAMessageOnThePage() throws Exception {
    // The list the page shows is stale (a card removed since it was drawn): that card is chosen.
    page.eval(
        "document.getElementById('card-select').append(new Option('Old card', 'KC-99999'));"
            + " document.getElementById('card-select').value = 'KC-99999'");
    click("#insert-card");
    page.await(
        "the refusal is shown",
        "document.getElementById('message').textContent.includes(\"no card 'KC-99999'\")");
    assertEquals("The slot is empty.", page.text("#slot-state"));
    assertTrue(branch.slot().card().isEmpty(), "no card went into the slot");
    shot("11-unknown-card-refused");
    page.eval("document.querySelector(\"#card-select option[value='KC-99999']\").remove()");
  }

  @Test
  @Order(4)
  void aSecondClickWhileAStepRunsIsRefusedAndNothingHappensTwice() throws Exception {
    insertCard(HANAKO);
    awaitScreen("select-event");
    // Two clicks on the same choice in the same instant, as a double click gives them.
    page.eval(
        "{ const b = document.querySelector(\"#choices button.choice:not([data-key='cancel'])\");"
            + " b.click(); b.click(); }");
    page.await(
        "the second click is refused",
        "document.getElementById('message').textContent.includes('previous click is still being"
            + " handled')");
    awaitScreen("select-seat");
    click("#choices button.choice:not([data-key='cancel'])");
    awaitScreen("choose-payment");
    click("#choices button[data-key='cash']");
    awaitScreen("insert-cash");
    page.await(
        "the slot opens", "document.getElementById('cash-state').textContent.includes('open')");
    page.eval(
        "{ const n = document.querySelector(\"#denominations button[data-yen='1000']\");"
            + " n.click(); n.click(); }");
    page.await(
        "the second note is refused",
        "document.getElementById('message').textContent.includes('previous click is still being"
            + " handled')");
    page.await(
        "one note counted, not two",
        "document.getElementById('cash-state').textContent.includes('Inserted so far: 1,000 yen x"
            + " 1 (1,000 yen)')");

    // The 2,000-yen note: the unit hands it back to the tray, the escrow stays as it was.
    click("#denominations button[data-yen='2000']");
    page.await(
        "the note is handed back with a message",
        "document.getElementById('message').textContent.includes('does not take 2,000 yen notes')");
    page.await(
        "the note lies in the tray, the escrow unchanged",
        "document.getElementById('cash-state').textContent.includes('Inserted so far: 1,000 yen x"
            + " 1 (1,000 yen)') && document.getElementById('cash-state').textContent.includes('In"
            + " the tray: 2,000 yen x 1 (2,000 yen)')");
    shot("12-refused-note-in-tray");
    click("#take-cash");
    page.await(
        "the customer has the note back",
        "document.getElementById('message').textContent.includes('You took 2,000 yen')");
    click("#cancel");
    page.await(
        "the 1,000 yen are repaid", "document.getElementById('take-cash').disabled === false");
    click("#take-cash");
    page.await(
        "the customer has the deposit back",
        "document.getElementById('message').textContent.includes('You took 1,000 yen')");
    // The cash payment was cancelled: the customer may choose another way to pay, or leave.
    awaitScreen("choose-payment");
    click("#cancel");
    takeCard();
  }

  @Test
  @Order(5)
  void throwsAFaultAndShowsItsHandling() throws Exception {
    click("#switches button[data-switch='card-leave']");
    page.await(
        "the switch is armed", "document.getElementById('message').textContent.includes('Armed')");
    shot("08-operator-armed");
    insertCard(TARO);
    awaitScreen("select-event");
    click("#cancel");
    page.await(
        "the card is captured",
        "document.getElementById('notices').textContent.includes('capture bin')");
    page.await(
        "the operator sees it",
        "document.getElementById('operator-status').textContent.includes('captured 1')");
    shot("09-card-captured");
    assertEquals(1, branch.slot().capturedCards().size());
  }

  @Test
  @Order(6)
  void everyServiceOfTheTerminalIsOnItsMenu() throws Exception {
    page.eval("document.getElementById('card-select').value = " + HeadlessChromium.quote(HANAKO));
    click("#insert-card");
    awaitScreen(ServiceMenu.SCREEN);
    shot("10-service-menu");
    for (String entry :
        List.of(
            TicketingPlugin.RESERVE_PAY_ISSUE,
            TicketingPlugin.RESERVE_TO_CARD,
            TicketingPlugin.PAY_RESERVATION,
            TicketingPlugin.DIRECT_PURCHASE,
            TicketingPlugin.RECHARGE,
            TicketingPlugin.ADD_FUNCTION)) {
      assertTrue(
          page.eval(
                  "document.querySelector(\"#choices button[data-key='" + entry + "']\") !== null")
              .asBoolean(),
          entry + " on the menu");
    }
    click("#choices button[data-key='" + TicketingPlugin.DIRECT_PURCHASE + "']");
    page.await(
        "the direct purchase's first screen",
        "document.getElementById('screen').dataset.screen !== '" + ServiceMenu.SCREEN + "'");
    click("#cancel");
    takeCard();

    page.eval("document.getElementById('card-select').value = " + HeadlessChromium.quote(TARO));
    click("#insert-card");
    awaitScreen(ServiceMenu.SCREEN);
    click("#choices button[data-key='cancel']");
    takeCard();
  }

  @Test
  @Order(7)
  void cyclesADevicesPowerFromTheOperatorPanel() throws Exception {
    click("#switches button[data-power='cycle']");
    page.await(
        "the device is back on after its power cycle",
        "document.getElementById('message').textContent.includes('power on')");
  }

  @Test
  @Order(8)
  void theJournalPanelReadsTodaysAndPastDaysSessionsFromTheJournalFile() throws Exception {
    // A session of two days ago, journaled by this terminal before the page was opened.
    Instant past = Instant.now().minus(Duration.ofDays(2));
    String pastDay = past.atZone(JournalPanel.ZONE).toLocalDate().toString();
    try (SqliteJournal journal =
        SqliteJournal.open(
            branch.dir().resolve("journal.db"),
            Clock.fixed(past, ZoneOffset.UTC),
            TicketingPlugin.FINAL_STATES)) {
      SessionId old = new SessionId("WEBTEST1-PAST-0001");
      journal.record(old, "purchase", "CARD_READ", Map.of("card", "KC-1****1"));
      journal.record(old, "purchase", FlowRunner.CANCELLED, Map.of("reason", "customer left"));
    }
    // Today: the sessions the earlier tests served, read from the file, not from memory.
    click("#journal-refresh");
    page.await(
        "today's sessions listed",
        "document.querySelectorAll('#journal-sessions tbody tr').length >= 5"
            + " && document.getElementById('journal-sessions').textContent.includes('COMPLETED')");
    page.await(
        "the past day offered",
        "[...document.getElementById('journal-day').options].some(o => o.value === '"
            + pastDay
            + "')");
    page.eval(
        "(() => { const s = document.getElementById('journal-day'); s.value = '"
            + pastDay
            + "'; s.dispatchEvent(new Event('change')); })()");
    page.await(
        "the past day's session",
        "document.getElementById('journal-sessions').textContent.includes('WEBTEST1-PAST-0001')"
            + " && document.querySelectorAll('#journal-sessions tbody tr').length === 1");
    click("#journal-sessions tbody tr");
    page.await(
        "its steps",
        "document.querySelectorAll('#journal-steps li').length === 2"
            + " && document.getElementById('journal-steps').textContent.includes('customer left')");
    shot("13-journal-past-day");
    JsonNode unknown =
        page.eval(
            "fetch('/api/journal?session=NOPE-1').then(async r => ({status: r.status,"
                + " error: (await r.json()).error}))");
    assertEquals(404, unknown.get("status").asInt());
  }

  @Test
  @Order(9)
  void theOperatorSettlesAStaffCaseOnceAndReadsTheDaysReportsOnThePage() throws Exception {
    // A session that failed with no money moved: the staff queue asks to acknowledge it.
    SessionId failed = new SessionId("WEBTEST1-STAFF-0001");
    try (SqliteJournal journal =
        SqliteJournal.open(
            branch.dir().resolve("journal.db"), Clock.systemUTC(), TicketingPlugin.FINAL_STATES)) {
      journal.record(failed, "purchase", "CARD_READ", Map.of("card", "KC-1****1"));
      journal.record(failed, "purchase", FlowRunner.FAILED, Map.of("reason", "printer jammed"));
    }
    click("#ops-box button[data-report='staff']");
    page.await(
        "the case listed with its action",
        "document.getElementById('ops-report').textContent.includes('WEBTEST1-STAFF-0001')"
            + " && !document.getElementById('ops-settle').hidden");
    page.eval(
        "(() => { document.getElementById('ops-case').value = 'WEBTEST1-STAFF-0001';"
            + " document.getElementById('ops-operator').value = 'Sato'; })()");
    shot("14-staff-queue");
    click("#ops-settle-button");
    page.await(
        "settled, and said so",
        "document.getElementById('message').textContent.includes('WEBTEST1-STAFF-0001 settled')"
            + " && !document.getElementById('ops-report').textContent"
            + ".includes('WEBTEST1-STAFF-0001')");
    JsonNode again =
        postFromPage(
            "ops/settle", "{session: 'WEBTEST1-STAFF-0001', operator: 'Suzuki', note: ''}");
    assertEquals(409, again.get("status").asInt(), again.toString());
    assertTrue(again.get("error").asText().contains("settled already by Sato"), again.toString());
    JsonNode nobody =
        postFromPage("ops/settle", "{session: 'WEBTEST1-STAFF-0001', operator: ' ', note: ''}");
    assertEquals(400, nobody.get("status").asInt(), "no operator named: " + nobody);

    click("#ops-box button[data-report='reconcile']");
    page.await(
        "the day reconciled",
        "document.getElementById('ops-report').textContent.includes('every difference explained')");
    click("#ops-box button[data-report='cash-closing']");
    page.await(
        "the day's cash",
        "document.getElementById('ops-report').textContent.startsWith('Cash closing')");
    click("#ops-box button[data-report='settle']");
    page.await(
        "the month's settlement",
        "document.getElementById('ops-report').textContent.startsWith('Settlement')");
    shot("15-settlement");
  }

  @Test
  @Order(10)
  void everyOperatorSwitchHasItsButtonOnThePage() throws Exception {
    PageSteps.assertEverySwitchHasAButton(page, branch);
  }

  @Test
  @Order(11)
  void buysAPrintedTicketAndTheTicketPrinterShowsItWithACodeAGateReads() throws Exception {
    String lastReceipt = images("#receipts").get(0);
    buyPrintedTicketUpToThePrint();
    page.await(
        "the ticket is printed",
        "document.getElementById('screen').dataset.screen === 'completed'");
    page.await(
        "the ticket printer shows it",
        "document.querySelector('#tickets img')?.complete"
            + " && document.querySelector('#tickets img').naturalWidth > 100");
    List<String> tickets = images("#tickets");
    assertTrue(tickets.stream().allMatch(t -> t.startsWith("ticket-")), "tickets only: " + tickets);
    page.await(
        "its receipt first under the receipt printer",
        "document.querySelector('#receipts img').alt !== " + HeadlessChromium.quote(lastReceipt));
    assertTrue(
        images("#receipts").stream().allMatch(r -> r.startsWith("receipt-")),
        "receipts only: " + images("#receipts"));
    String number = scannedTicketNumber(tickets.get(0));
    assertTrue(
        page.text("#screen-lines").contains(number),
        "the screen names the ticket the code carries, " + number + ": " + page.text("#screen"));
    page.eval("document.getElementById('ticket-printer').scrollIntoView({block: 'center'})");
    shot("16-ticket-printed");
    takeCard();
  }

  @Test
  @Order(12)
  void theTicketPrinterRunsOutOfPaperAndTheTicketIsPrintedAgainOnceReloaded() throws Exception {
    String before = images("#tickets").get(0);
    click("#switches button[data-switch='tckt-out']");
    page.await(
        "the roll is empty",
        "document.getElementById('message').textContent.includes('TicketPrinter paper: EMPTY')"
            + " && /TicketPrinter.*paper EMPTY/.test("
            + "document.getElementById('operator-status').textContent)");
    buyPrintedTicketUpToThePrint();
    awaitScreen("ticket-print-failed");
    String voided = page.text("#screen-lines");
    shot("17-ticket-paper-out");
    click("#switches button[data-switch='tckt-reload']");
    page.await(
        "the roll is reloaded",
        "/TicketPrinter.*paper OK/.test(document.getElementById('operator-status').textContent)");
    click("#choices button[data-key='print']");
    page.await(
        "the ticket is printed",
        "document.getElementById('screen').dataset.screen === 'completed'");
    page.await(
        "the new ticket is shown first",
        "document.querySelector('#tickets img')?.alt !== "
            + HeadlessChromium.quote(before)
            + " && document.querySelector('#tickets img').complete");
    String number = scannedTicketNumber(images("#tickets").get(0));
    assertTrue(page.text("#screen-lines").contains(number), number + " printed");
    assertTrue(!voided.contains(number), "the voided ticket is not the one printed: " + voided);
    takeCard();
  }

  @Test
  @Order(13)
  void theSelfTestFromThePanelTakesTheServiceOutWhileAPrinterIsOffAndBackOnceOn() throws Exception {
    String receiptPower = "#switches button[data-switch='power-ReceiptPrinter']:not([data-power])";
    click(receiptPower);
    page.await(
        "the printer is off",
        "/ReceiptPrinter\\s+power OFF/.test(document.getElementById('operator-status').textContent)");
    click("#switches button[data-switch='self-test']");
    page.await(
        "the self test fails the printer",
        "document.getElementById('message').textContent.includes('1 failed')"
            + " && document.getElementById('operator-status').textContent.includes('OUT OF ORDER')");
    page.await(
        "the customer screen says why",
        "document.getElementById('screen-lines').textContent"
            + ".includes('device self test failed for ReceiptPrinter')");
    shot("18-self-test-failed");
    assertTrue(!branch.ticketsAvailable(), "no tickets sold without a receipt printer");

    click(receiptPower);
    page.await(
        "the printer is on",
        "/ReceiptPrinter\\s+power on/.test(document.getElementById('operator-status').textContent)");
    click("#switches button[data-switch='self-test']");
    page.await(
        "the service is back",
        "/all [0-9]+ devices OK/.test(document.getElementById('message').textContent)"
            + " && document.getElementById('operator-status').textContent"
            + ".includes('Ticket service: in service')");
    assertEquals("", page.text("#screen-lines"), "nothing out of order on the screen");
    insertCard(TARO);
    awaitScreen("select-event");
    click("#cancel");
    takeCard();
  }

  @Test
  @Order(14)
  void readsEachScreenAloudInTheChosenLanguageUntilTheVoiceIsTurnedOff() throws Exception {
    // The browser's voice is replaced by a recorder: what it would say, and in which language.
    page.eval(
        "window.spoken = []; window.silenced = 0;"
            + " Object.defineProperty(window, 'speechSynthesis', {configurable: true, value: {"
            + " speak: (u) => spoken.push({text: u.text, lang: u.lang}),"
            + " cancel: () => { silenced++; } }}); true");
    click("#voice");
    page.eval("document.getElementById('card-select').value = " + HeadlessChromium.quote(HANAKO));
    click("#insert-card");
    awaitScreen(ServiceMenu.SCREEN);
    page.await(
        "the menu is read out", "spoken.at(-1)?.text.startsWith('Choose a service') === true");
    JsonNode english = page.eval("spoken.at(-1)");
    assertEquals("en-US", english.get("lang").asText());
    assertEquals("🔊 " + english.get("text").asText(), page.text("#caption"));

    click("#lang-ja");
    page.await("read again in Japanese", "spoken.at(-1).lang === 'ja-JP'");
    JsonNode japanese = page.eval("spoken.at(-1)");
    assertEquals(page.text("#screen-title"), japanese.get("text").asText().split("。")[0]);
    assertEquals("🔊 " + japanese.get("text").asText(), page.text("#caption"));
    click("#lang-en");
    page.await("read again in English", "spoken.at(-1).lang === 'en-US'");

    int said = page.eval("spoken.length").asInt();
    int silenced = page.eval("silenced").asInt();
    click("#voice");
    page.await("the caption goes", "document.getElementById('caption').textContent === ''");
    assertTrue(page.eval("silenced").asInt() > silenced, "what was being said is stopped");
    click("#choices button[data-key='" + TicketingPlugin.RESERVE_PAY_ISSUE + "']");
    awaitScreen("select-event");
    assertEquals(said, page.eval("spoken.length").asInt(), "nothing more is said: voice off");
    assertEquals("", page.text("#caption"));

    click("#voice");
    page.await("the screen is read out again", "spoken.length === " + (said + 1));
    click("#cancel");
    takeCard();
    page.await(
        "the session ended: no caption left of it",
        "document.getElementById('screen').dataset.screen === ''"
            + " && document.getElementById('caption').textContent === ''");
    click("#voice");
  }

  @Test
  @Order(15)
  void theLargeTextModeEnlargesTheScreenAndTheCountdownRunsDown() throws Exception {
    String size = "parseFloat(getComputedStyle(document.getElementById('screen-title')).fontSize)";
    double normal = page.eval(size).asDouble();
    click("#large");
    page.await("large text", "document.body.classList.contains('large')");
    double large = page.eval(size).asDouble();
    assertTrue(large > normal * 1.2, "the title grows: " + normal + " px -> " + large + " px");

    insertCard(TARO);
    awaitScreen("select-event");
    page.await(
        "the countdown shows",
        "/^[0-9]+ s left$/.test(document.getElementById('countdown').textContent)");
    int first = secondsLeft();
    shot("19-large-text");
    page.await(
        "a second has gone",
        "parseInt(document.getElementById('countdown').textContent) < " + first);
    assertTrue(secondsLeft() < first, "counts down from " + first);
    click("#cancel");
    takeCard();
    assertEquals("", page.text("#countdown"), "no countdown without a screen");
    click("#large");
    page.await("normal text", "!document.body.classList.contains('large')");
    assertEquals(normal, page.eval(size).asDouble(), 0.01);
  }

  private int secondsLeft() throws Exception {
    return Integer.parseInt(page.text("#countdown").replaceAll("[^0-9]", ""));
  }

  /** Up to the print: a seat of the first event, printed, paid by transfer with Hanako's PIN. */
  private void buyPrintedTicketUpToThePrint() throws Exception {
    page.eval("document.getElementById('card-select').value = " + HeadlessChromium.quote(HANAKO));
    click("#insert-card");
    awaitScreen(ServiceMenu.SCREEN);
    click("#choices button[data-key='" + TicketingPlugin.DIRECT_PURCHASE + "']");
    awaitScreen("select-event");
    click("#choices button.choice:not([data-key='cancel'])");
    awaitScreen("select-seat");
    click("#choices button.choice:not([data-key='cancel'])");
    awaitScreen("choose-delivery");
    click("#choices button[data-key='print']");
    awaitScreen("choose-payment");
    click("#choices button[data-key='transfer']");
    page.await("the PIN pad asks", "document.getElementById('pin-pad').dataset.active === 'true'");
    for (char digit : Branch.demoPin(Branch.CUSTOMERS.get(0)).toCharArray()) {
      pinKey(String.valueOf(digit));
    }
    pinKey("enter");
  }

  /** The printouts shown in {@code box}, newest first, as the files the page loads. */
  private List<String> images(String box) throws Exception {
    List<String> names = new java.util.ArrayList<>();
    page.eval("[...document.querySelectorAll('" + box + " img')].map(i => i.alt)")
        .forEach(n -> names.add(n.asText()));
    return names;
  }

  /**
   * The ticket number in the QR code of the printed ticket the page serves, read as a gate does.
   */
  private String scannedTicketNumber(String file) throws Exception {
    Path png = dir.resolve(file);
    HttpResponse<Path> served =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(web.uri().resolve("/receipts/" + file)).build(),
                HttpResponse.BodyHandlers.ofFile(png));
    assertEquals(200, served.statusCode(), file);
    String code = new String(TicketFiles.read(png), StandardCharsets.US_ASCII);
    return DocumentParser.ticket(TicketCode.decode(code)).ticketNumber();
  }

  private void click(String selector) throws Exception {
    PageSteps.click(page, selector);
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

  private void shot(String name) throws Exception {
    PageSteps.shot(page, name);
  }
}
