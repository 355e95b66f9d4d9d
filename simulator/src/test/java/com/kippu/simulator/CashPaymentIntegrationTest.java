package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.Seat;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.CashLedger;
import com.kippu.devices.cash.Denomination;
import com.kippu.devices.sim.cash.SimulatedCashUnits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cash payments on the real branch: the simulated JavaPOS cash unit with its counts file, the 0200
 * cash deposit over TCP to the bank host's SQLite ledger, the issuer center over HTTP. Every check
 * adds the yen up: issuer's account, the unit's stock and bins, what the customer got back.
 */
class CashPaymentIntegrationTest {
  private static final Branch.Customer HANAKO = Branch.CUSTOMERS.get(0);
  private static final EventId CONCERT = new EventId("evt-2026-12-24-dome");

  /** An A seat: 8,800 yen. */
  private static final String SEAT = "A-1-1";

  private static final long PRICE = 8_800;

  @TempDir Path dir;
  private Branch branch;
  private SimulatedCashUnits.Unit slot;
  private long issuerBefore;
  private CashCounts stockBefore;

  @BeforeEach
  void open() throws Exception {
    branch = Branch.open(dir, Clock.systemUTC());
    slot = branch.cashSlot();
    slot.takeReturned();
    slot.takeDispensed();
    issuerBefore = branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT);
    stockBefore = stock();
  }

  @AfterEach
  void close() {
    branch.close();
  }

  private CashCounts stock() throws Exception {
    return CashLedger.read(branch.cashCountsFile()).stock();
  }

  private long issuerGained() {
    return branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT) - issuerBefore;
  }

  private Seat.Status seat() throws Exception {
    return branch.plugin().center().seats(CONCERT).stream()
        .filter(s -> s.seatId().value().equals(SEAT))
        .findFirst()
        .orElseThrow()
        .status();
  }

  private static ScriptedCustomer buying() {
    return new ScriptedCustomer()
        .on("select-event", CONCERT.value())
        .on("select-seat", SEAT)
        .on("choose-payment", "cash");
  }

  /** The customer puts {@code pieces} into the cash slot and presses Done. */
  private Function<Screen, Answer> inserting(Map<Denomination, Integer> pieces) {
    return screen -> {
      pieces.forEach((d, n) -> slot.insert(d, n));
      return Answer.chose("done");
    };
  }

  private static final Map<Denomination, Integer> EXACT_PRICE =
      Map.of(
          Denomination.NOTE_5000, 1,
          Denomination.NOTE_1000, 3,
          Denomination.COIN_500, 1,
          Denomination.COIN_100, 3);

  private SessionOutcome session(ScriptedCustomer script) {
    branch.insertCard(HANAKO);
    try {
      return branch.plugin().run(TicketingPlugin.RESERVE_PAY_ISSUE, script);
    } finally {
      branch.removeCard();
    }
  }

  private List<JournalEntry> journal(SessionOutcome outcome) {
    return branch.plugin().journal().entries(new SessionId(outcome.sessionId()));
  }

  private static String fact(List<JournalEntry> journal, String key) {
    return journal.stream()
        .map(e -> e.facts().get(key))
        .filter(v -> v != null)
        .reduce((first, last) -> last)
        .orElse("");
  }

  private String latestReceipt() throws Exception {
    try (Stream<Path> files = Files.list(branch.receipts())) {
      return Files.readString(
          files.filter(p -> p.toString().endsWith(".txt")).max(Path::compareTo).orElseThrow());
    }
  }

  private void assertNothingMoved() throws Exception {
    assertEquals(0, issuerGained(), "nothing credited");
    assertEquals(stockBefore, stock(), "the unit kept nothing");
    assertEquals(Seat.Status.AVAILABLE, seat(), "seat free again");
  }

  @Test
  void exactCashBuysTheTicketWithNoChange() throws Exception {
    SessionOutcome outcome = session(buying().on("insert-cash", inserting(EXACT_PRICE)));

    assertEquals(SessionOutcome.Result.COMPLETED, outcome.result(), outcome.detail());
    assertEquals(PRICE, issuerGained());
    assertEquals(stockBefore.plus(CashCounts.of(EXACT_PRICE)), stock());
    assertEquals(CashCounts.empty(), slot.takeDispensed());
    assertEquals(CashCounts.empty(), slot.takeReturned());
    assertEquals(Seat.Status.SOLD, seat());
    assertTrue(latestReceipt().contains("PAID IN CASH"), latestReceipt());
  }

  @Test
  void moreThanThePriceBuysTheTicketAndTheChangeComesOut() throws Exception {
    SessionOutcome outcome =
        session(buying().on("insert-cash", inserting(Map.of(Denomination.NOTE_10000, 1))));

    assertEquals(SessionOutcome.Result.COMPLETED, outcome.result(), outcome.detail());
    assertEquals(PRICE, issuerGained(), "the issuer gets the price, not what was inserted");
    CashCounts change = slot.takeDispensed();
    assertEquals(1_200, change.total());
    assertEquals(
        stockBefore.plus(CashCounts.of(Denomination.NOTE_10000, 1)).minus(change), stock());
    assertEquals(
        HANAKO.openingYen(), branch.bank().ledger().balance(HANAKO.account()), "no account used");
    assertTrue(latestReceipt().contains("CHANGE JPY 1,200"), latestReceipt());
  }

  @Test
  void tooLittleIsToldToInsertMoreAndThenCompletes() throws Exception {
    ScriptedCustomer customer =
        buying()
            .on("insert-cash", inserting(Map.of(Denomination.NOTE_5000, 1)))
            .on("insert-more", inserting(Map.of(Denomination.NOTE_5000, 1)));

    SessionOutcome outcome = session(customer);

    assertEquals(SessionOutcome.Result.COMPLETED, outcome.result(), outcome.detail());
    assertTrue(customer.screenIds().contains("insert-more"), customer.screenIds().toString());
    assertEquals(PRICE, issuerGained());
    assertEquals(1_200, slot.takeDispensed().total());
  }

  @Test
  void cancelRepaysExactlyThePiecesInserted() throws Exception {
    ScriptedCustomer customer =
        buying()
            .on(
                "insert-cash",
                inserting(Map.of(Denomination.NOTE_5000, 1, Denomination.NOTE_1000, 2)))
            .on("insert-more", "cancel")
            .on("choose-payment", "cancel");

    SessionOutcome outcome = session(customer);

    assertEquals(SessionOutcome.Result.CANCELLED, outcome.result());
    assertEquals(
        CashCounts.of(Map.of(Denomination.NOTE_5000, 1, Denomination.NOTE_1000, 2)),
        slot.takeReturned());
    assertNothingMoved();
  }

  @Test
  void jamDuringTheDepositKeepsTheCashForStaffAndGoesBackToTheChoice() throws Exception {
    slot.jamNextInsertion();
    ScriptedCustomer customer =
        buying()
            .on("insert-cash", inserting(Map.of(Denomination.NOTE_10000, 1)))
            .on("choose-payment", "cancel");

    SessionOutcome outcome = session(customer);

    assertEquals(SessionOutcome.Result.CANCELLED, outcome.result());
    assertTrue(customer.screenIds().contains("cash-retained"), customer.screenIds().toString());
    assertTrue(
        customer.screenIds().lastIndexOf("choose-payment")
            > customer.screenIds().indexOf("cash-retained"),
        "back to the choice of method");
    assertEquals(
        CashCounts.of(Denomination.NOTE_10000, 1),
        CashLedger.read(branch.cashCountsFile()).retracted(),
        "in the retract bin, counted once");
    assertEquals(CashCounts.empty(), slot.takeReturned());
    assertEquals("10000", fact(journal(outcome), "cash.retainedYen"), "reported for staff");
    assertNothingMoved();
  }

  @Test
  void noChangeAvailableReturnsTheCashAndTakesTheExactPrice() throws Exception {
    branch.cash().orElseThrow().adjustCashCounts(CashCounts.empty(), Denomination.YEN);
    stockBefore = stock();
    ScriptedCustomer customer =
        buying()
            .on("insert-cash", inserting(Map.of(Denomination.NOTE_10000, 1)))
            .on("no-change", "exact")
            .on("insert-cash", inserting(EXACT_PRICE));

    SessionOutcome outcome = session(customer);

    assertEquals(SessionOutcome.Result.COMPLETED, outcome.result(), outcome.detail());
    assertEquals(CashCounts.of(Denomination.NOTE_10000, 1), slot.takeReturned());
    assertEquals(CashCounts.empty(), slot.takeDispensed());
    assertEquals(stockBefore.plus(CashCounts.of(EXACT_PRICE)), stock());
    assertEquals(PRICE, issuerGained());
  }

  @Test
  void bankDeclineOfTheCreditRepaysTheCash() throws Exception {
    branch.bank().issuerUnavailable(true);
    ScriptedCustomer customer =
        buying()
            .on("insert-cash", inserting(Map.of(Denomination.NOTE_10000, 1)))
            .on("choose-payment", "cancel");

    SessionOutcome outcome = session(customer);

    assertEquals(SessionOutcome.Result.CANCELLED, outcome.result());
    assertTrue(customer.screenIds().contains("payment-declined"));
    assertEquals(CashCounts.of(Denomination.NOTE_10000, 1), slot.takeReturned());
    assertEquals("91", fact(journal(outcome), "declineCode"));
    assertNothingMoved();
  }
}
