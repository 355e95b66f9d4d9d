package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.Seat;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.recovery.PurchaseRecovery;
import com.kippu.atm.spi.ScriptedCustomer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal loses power with a seat held and no money moved; at the next start the plugin's
 * recovery, reading the SQLite journal, releases the hold at the real issuer center. It loses power
 * after the debit and before the ticket: the next start issues the ticket, or, if the hold lapsed
 * meanwhile, reverses the debit at the real bank host. And an approved transfer whose ticket never
 * came is still reversible after a restart, from what the bank link kept.
 */
class RestartRecoveryIntegrationTest {
  private static final EventId CONCERT = new EventId("evt-2026-12-24-dome");

  /** Stands for the power failing: nothing after it runs, the journal stays open. */
  private static final class PowerLoss extends Error {
    private static final long serialVersionUID = 1L;
  }

  @TempDir Path dir;

  private static Seat.Status status(Branch branch, String seat) throws Exception {
    return branch.plugin().center().seats(CONCERT).stream()
        .filter(s -> s.seatId().value().equals(seat))
        .findFirst()
        .orElseThrow()
        .status();
  }

  @Test
  void holdLeftByAPowerLossIsReleasedAtTheNextStart() throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    try (Branch branch = Branch.open(dir, Clock.systemUTC())) {
      ScriptedCustomer customer =
          new ScriptedCustomer()
              .on("select-event", CONCERT.value())
              .on("select-seat", "A-2-2")
              .on(
                  "choose-payment",
                  screen -> {
                    throw new PowerLoss();
                  });
      branch.insertCard(hanako);
      assertThrows(
          PowerLoss.class, () -> branch.plugin().run(TicketingPlugin.RESERVE_PAY_ISSUE, customer));
      assertEquals(Seat.Status.HELD, status(branch, "A-2-2"));
      assertEquals(1, branch.plugin().journal().openSessions().size());
    }

    try (Branch restarted = Branch.open(dir, Clock.systemUTC())) {
      assertEquals(Seat.Status.AVAILABLE, status(restarted, "A-2-2"), "hold released by recovery");
      assertTrue(restarted.plugin().journal().openSessions().isEmpty());
      assertEquals(hanako.openingYen(), restarted.bank().ledger().balance(hanako.account()));
    }
  }

  /** A clock the test moves while the terminal is off. */
  private static final class MovableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration d) {
      offset = offset.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }

  /** Pays for {@code seat} and loses power once the payment is accepted, before the ticket. */
  private static void payThenLosePower(Branch branch, Branch.Customer who, String seat)
      throws Exception {
    ScriptedCustomer customer =
        new ScriptedCustomer()
            .on("select-event", CONCERT.value())
            .on("select-seat", seat)
            .on("choose-payment", "transfer")
            .on(
                "issuing",
                screen -> {
                  throw new PowerLoss();
                });
    branch.insertCard(who);
    branch.typePinAtNextEntry(Branch.demoPin(who));
    assertThrows(
        PowerLoss.class, () -> branch.plugin().run(TicketingPlugin.RESERVE_PAY_ISSUE, customer));
  }

  @Test
  void debitWithoutATicketIsIssuedAtTheNextStart() throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    long issuerOpening;
    try (Branch branch = Branch.open(dir, Clock.systemUTC())) {
      issuerOpening = branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT);
      payThenLosePower(branch, hanako, "A-3-3");
      assertEquals(hanako.openingYen() - 8_800, branch.bank().ledger().balance(hanako.account()));
      assertEquals(Seat.Status.HELD, status(branch, "A-3-3"), "paid, not yet issued");
    }

    try (Branch restarted = Branch.open(dir, Clock.systemUTC())) {
      assertEquals(Seat.Status.SOLD, status(restarted, "A-3-3"), "issued by recovery");
      assertTrue(restarted.plugin().journal().openSessions().isEmpty());
      assertEquals(
          hanako.openingYen() - 8_800, restarted.bank().ledger().balance(hanako.account()));
      assertEquals(issuerOpening + 8_800, restarted.bank().ledger().balance(Branch.ISSUER_ACCOUNT));
      assertFalse(
          restarted
              .plugin()
              .bank()
              .reverseApproved(recoveredPayment(restarted, PurchaseRecovery.Action.TICKET_ISSUED)),
          "the ticket settled the payment: nothing kept to reverse it");
    }
  }

  @Test
  void debitWhoseHoldLapsedWhileThePowerWasOffIsReversedAtTheRealBankHost() throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    MovableClock clock = new MovableClock();
    long issuerOpening;
    try (Branch branch = Branch.open(dir, clock)) {
      issuerOpening = branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT);
      payThenLosePower(branch, hanako, "A-4-4");
      assertEquals(hanako.openingYen() - 8_800, branch.bank().ledger().balance(hanako.account()));
    }

    clock.advance(Duration.ofHours(1)); // the hold lasts minutes
    try (Branch restarted = Branch.open(dir, clock)) {
      assertTrue(restarted.plugin().journal().openSessions().isEmpty());
      assertEquals(hanako.openingYen(), restarted.bank().ledger().balance(hanako.account()));
      assertEquals(issuerOpening, restarted.bank().ledger().balance(Branch.ISSUER_ACCOUNT));
      assertEquals(Seat.Status.AVAILABLE, status(restarted, "A-4-4"), "the lapsed hold is free");
      assertTrue(
          restarted
              .plugin()
              .bank()
              .reverseApproved(
                  recoveredPayment(restarted, PurchaseRecovery.Action.PAYMENT_REVERSED)),
          "asked again, as after a crash before recovery journaled it: already reversed");
      assertEquals(
          hanako.openingYen(),
          restarted.bank().ledger().balance(hanako.account()),
          "reversed once");
    }
  }

  /** The payment of the one session recovery closed, after checking what recovery did to it. */
  private static String recoveredPayment(Branch branch, PurchaseRecovery.Action expected) {
    List<JournalEntry> recovered =
        branch.plugin().journal().sessionsEndingIn(PurchaseRecovery.RECOVERED);
    assertEquals(1, recovered.size());
    assertEquals(expected.name(), recovered.get(0).facts().get("recovery"));
    return recovered.get(0).facts().get("payment");
  }

  @Test
  void approvalKeptAcrossARestartIsReversedAtTheRealBankHost() throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    CardNumber card = CardNumber.ofCashAccount(hanako.account());
    TransferRequest paid;
    long issuerOpening;
    try (Branch branch = Branch.open(dir, Clock.systemUTC())) {
      branch.typePinAtNextEntry(Branch.demoPin(hanako));
      paid =
          new TransferRequest(
              "restart-test-P1",
              card,
              hanako.account(),
              Branch.ISSUER_ACCOUNT,
              Money.yen(8_800),
              branch.plugin().pinPad().readPin(card));
      issuerOpening = branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT);
      assertTrue(branch.plugin().bank().transfer(paid).approved());
      assertEquals(issuerOpening + 8_800, branch.bank().ledger().balance(Branch.ISSUER_ACCOUNT));
      assertEquals(hanako.openingYen() - 8_800, branch.bank().ledger().balance(hanako.account()));
    }

    try (Branch restarted = Branch.open(dir, Clock.systemUTC())) {
      assertTrue(restarted.plugin().bank().reverseApproved(paid.transactionId()));
      assertEquals(hanako.openingYen(), restarted.bank().ledger().balance(hanako.account()));
      assertEquals(issuerOpening, restarted.bank().ledger().balance(Branch.ISSUER_ACCOUNT));
    }

    // A crash before the caller journaled the outcome: asked again after the next start.
    try (Branch again = Branch.open(dir, Clock.systemUTC())) {
      assertTrue(again.plugin().bank().reverseApproved(paid.transactionId()), "already reversed");
      assertEquals(hanako.openingYen(), again.bank().ledger().balance(hanako.account()));
      assertEquals(issuerOpening, again.bank().ledger().balance(Branch.ISSUER_ACCOUNT));
    }
  }
}
