package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.Seat;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.devices.ChipData;
import com.kippu.iso8583.ResponseCode;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Account transfers the bank declines, end to end on the real branch (IC card and PIN pad from
 * jpos.xml, the 0200 over TCP to the bank host's SQLite ledger, the issuer center over HTTP): each
 * decline shows its own message, returns to the choice of payment with the seats still held (S1
 * ¶58), and moves no money; the customer then cancels and the seat is free, never sold.
 *
 * <p>51 and 14 have real causes at the bank: a balance below the price, and an IC card whose
 * account has no cash card at the bank (the card number the terminal derives from the account is
 * unknown to the host). 91 is the host's issuer-unavailable switch. 54 has no cause on this rail in
 * the simulated bank (a transfer carries no expiry and the bank keeps none for cash cards), but a
 * bank's host may answer it, so the host's transfer-decline switch sends it; the terminal must take
 * it as a decline, not as a broken answer to be reversed.
 */
class TransferDeclineIntegrationTest {
  private static final EventId CONCERT = new EventId("evt-2026-12-24-dome");
  private static final Branch.Customer HANAKO = Branch.CUSTOMERS.get(0);
  private static final Branch.Customer TARO = Branch.CUSTOMERS.get(1);

  /** A seat of 8,800 yen: more than Taro's 3,000. */
  private static final String SEAT = "A-1-1";

  @TempDir Path dir;
  private Branch branch;

  @BeforeEach
  void open() throws Exception {
    branch = Branch.open(dir, Clock.systemUTC());
  }

  @AfterEach
  void close() {
    branch.close();
  }

  @Test
  void insufficientFundsIsDeclined51WithItsOwnMessage() throws Exception {
    Attempt attempt = attempt(TARO.account(), () -> branch.insertCard(TARO), Branch.demoPin(TARO));

    attempt.assertDeclined("51", "payment.outcome.INSUFFICIENT_FUNDS");
  }

  @Test
  void cardUnknownToTheBankIsDeclined14WithItsOwnMessage() throws Exception {
    // A new customer: an account at the bank and an IC card for it, but no cash card issued.
    AccountNumber account = new AccountNumber("0001-001-3456789");
    branch.bank().ledger().openAccount(account, "Jiro Tanaka", 100_000);
    assertFalse(branch.bank().ledger().hasCashCard(CardNumber.ofCashAccount(account)));
    Path card =
        branch.personaliseCard(
            dir.resolve("cards").resolve("KC-10014.card"),
            new ChipData("KC-10014", "Jiro Tanaka", account.value(), 0));

    Attempt attempt = attempt(account, () -> branch.slot().insert(card), "1357");

    attempt.assertDeclined("14", "payment.outcome.INVALID_ACCOUNT");
  }

  @Test
  void expiredCardIsDeclined54WithItsOwnMessage() throws Exception {
    branch.bank().declineTransfers(ResponseCode.EXPIRED_CARD);

    Attempt attempt =
        attempt(HANAKO.account(), () -> branch.insertCard(HANAKO), Branch.demoPin(HANAKO));

    attempt.assertDeclined("54", "payment.outcome.EXPIRED_CARD");
  }

  @Test
  void issuerUnavailableIsDeclined91WithItsOwnMessage() throws Exception {
    branch.bank().issuerUnavailable(true);

    Attempt attempt =
        attempt(HANAKO.account(), () -> branch.insertCard(HANAKO), Branch.demoPin(HANAKO));

    attempt.assertDeclined("91", "payment.outcome.ISSUER_UNAVAILABLE");
  }

  /**
   * One session paying {@link #SEAT} by account transfer from {@code account} with {@code pin}:
   * after the decline, at the second choice of payment, the customer cancels. What the seat was
   * while that second choice was up is kept.
   */
  private Attempt attempt(AccountNumber account, Runnable insertCard, String pin) throws Exception {
    long customerBefore = branch.bank().ledger().balance(account);
    long issuerBefore = branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT);
    long movedBefore = branch.bank().ledger().appliedTransferCount();
    List<Seat.Status> atSecondChoice = new ArrayList<>();
    ScriptedCustomer script =
        new ScriptedCustomer()
            .on("select-event", CONCERT.value())
            .on("select-seat", SEAT)
            .on("choose-payment", "transfer")
            .on(
                "choose-payment",
                screen -> {
                  atSecondChoice.add(seatStatus());
                  return Answer.cancel();
                });
    insertCard.run();
    branch.typePinAtNextEntry(pin);
    SessionOutcome outcome;
    try {
      outcome = branch.plugin().run(TicketingPlugin.RESERVE_PAY_ISSUE, script);
    } finally {
      branch.removeCard();
    }
    return new Attempt(
        account, outcome, script, atSecondChoice, customerBefore, issuerBefore, movedBefore);
  }

  private Seat.Status seatStatus() {
    try {
      return branch.plugin().center().seats(CONCERT).stream()
          .filter(s -> s.seatId().value().equals(SEAT))
          .findFirst()
          .orElseThrow()
          .status();
    } catch (Exception e) {
      throw new IllegalStateException("seat map not readable", e);
    }
  }

  private final class Attempt {
    private final AccountNumber account;
    private final SessionOutcome outcome;
    private final ScriptedCustomer script;
    private final List<Seat.Status> atSecondChoice;
    private final long customerBefore;
    private final long issuerBefore;
    private final long movedBefore;

    Attempt(
        AccountNumber account,
        SessionOutcome outcome,
        ScriptedCustomer script,
        List<Seat.Status> atSecondChoice,
        long customerBefore,
        long issuerBefore,
        long movedBefore) {
      this.account = account;
      this.outcome = outcome;
      this.script = script;
      this.atSecondChoice = atSecondChoice;
      this.customerBefore = customerBefore;
      this.issuerBefore = issuerBefore;
      this.movedBefore = movedBefore;
    }

    void assertDeclined(String code, String messageKey) {
      List<String> screens = script.screenIds();
      assertEquals(SessionOutcome.Result.CANCELLED, outcome.result(), outcome + " " + screens);
      assertTrue(outcome.ticketNumber().isEmpty(), "no ticket");

      List<JournalEntry> journal =
          branch.plugin().journal().entries(new SessionId(outcome.sessionId()));
      List<JournalEntry> declines =
          journal.stream().filter(e -> e.state().equals("pay.signal")).toList();
      assertEquals(1, declines.size(), journal.toString());
      assertEquals(
          code, declines.get(0).facts().get("declineCode"), declines.get(0).facts().toString());
      assertEquals("DECLINED", declines.get(0).facts().get("signal"));

      // Its own message: the outcome's key, rendered in the terminal's language, then "choose
      // again".
      Screen declined =
          script.transcript().stream()
              .filter(s -> s.id().equals("payment-declined"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no payment-declined screen: " + screens));
      assertEquals(messageKey, declined.body().get(0).key());
      assertNotEquals(messageKey, declined.lines().get(0), "rendered from the bundle");
      assertEquals("notice.choose-again", declined.body().get(1).key());

      // Back to the choice of payment, after the message, with the seat still held for it.
      int decline = screens.indexOf("payment-declined");
      assertEquals(
          List.of("choose-payment"),
          screens.subList(decline + 1, screens.size()).stream()
              .filter(id -> id.equals("choose-payment"))
              .toList(),
          screens.toString());
      assertEquals(List.of(Seat.Status.HELD), atSecondChoice, "seat held at the second choice");

      // Nothing moved at the bank; the seat was never sold and is free after the cancel.
      assertEquals(customerBefore, branch.bank().ledger().balance(account), "customer's account");
      assertEquals(
          issuerBefore, branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT), "issuer's account");
      assertEquals(movedBefore, branch.bank().ledger().appliedTransferCount(), "movements");
      assertEquals(Seat.Status.AVAILABLE, seatStatus(), "seat free, not sold");
    }
  }
}
