package com.kippu.atm.flow.pay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.card.CardId;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.ReservationNumber;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.flow.parts.PaymentPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CashDepositRequest;
import com.kippu.atm.payment.Money;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.atm.spi.TerminalProfile.Device;
import com.kippu.atm.spi.TerminalProfile.Kind;
import com.kippu.atm.spi.Text;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The cash method on a fake unit and bank: every way a cash payment ends, with every yen accounted
 * for in the unit's stock, the customer's hands, the retract bin or the issuer's account.
 */
class CashPaymentTest {
  private static final TerminalProfile ATM =
      new TerminalProfile("ATM00001", Kind.BANK_ATM, Set.of(Device.IC_CARD_WRITER, Device.CASH_IN));
  private static final AccountNumber ISSUER = new AccountNumber("0009-001-7654321");
  private static final Money PRICE = Money.yen(8_800);

  private final FakeCashDesk desk = new FakeCashDesk(Map.of(100, 50, 500, 20, 1000, 20, 5000, 5));
  private final FakeDepositBank bank = new FakeDepositBank();
  private final CashPayment cash = new CashPayment(bank, desk, "000001", Duration.ofSeconds(60));
  private final PurchaseSession session = session();
  private final long stockBefore = desk.stockYen();

  private static PurchaseSession session() {
    PurchaseSession s = new PurchaseSession(new SessionId("ATM00001-S1"), ATM);
    s.hold()
        .granted(
            new Reservation(
                new ReservationNumber("R1"),
                "Q1",
                new CardId("KC-1"),
                new IssuerId("promo"),
                "Promo",
                ISSUER,
                new EventId("evt-1"),
                "Gala",
                "Dome",
                "2026-12-24T18:00+09:00",
                List.of(new ReservedSeat(new SeatId("A-1-1"), "A", "1", 1, PRICE)),
                PRICE,
                Instant.EPOCH.plusSeconds(600),
                new SignedDocument(new byte[] {1}, new byte[] {2}, "k1", "Ed25519")),
            Instant.EPOCH);
    s.payment().choose(CashPayment.ID);
    return s;
  }

  /** The pay step as the flow runs it: the cash presented, the attempt journaled, the credit. */
  private PaymentOutcome pay(ScriptedCustomer customer) {
    Optional<PaymentOutcome> refused = cash.prepare(session, customer);
    if (refused.isPresent()) {
      return refused.get();
    }
    session.payment().request(session.id().value());
    return cash.pay(session, customer);
  }

  /** The customer puts {@code count} pieces of {@code face} yen in the slot and presses Done. */
  private Function<Screen, Answer> inserting(int face, int count) {
    return screen -> {
      desk.insert(face, count);
      return Answer.chose(CashScreens.DONE);
    };
  }

  private ScriptedCustomer paying(int face, int count) {
    return new ScriptedCustomer().on("insert-cash", inserting(face, count));
  }

  private long noted(com.kippu.atm.flow.Fact<Long> fact) {
    return session.payment().noted(fact).orElse(0L);
  }

  @Test
  void moreThanThePriceIsKeptTheChangePaidOutAndExactlyThePriceCredited() {
    ScriptedCustomer customer = paying(10_000, 1);

    assertEquals(PaymentOutcome.APPROVED, pay(customer));

    assertEquals(8_800, bank.issuerYen);
    assertEquals(1_200, desk.paidOutYen);
    assertEquals(stockBefore + 8_800, desk.stockYen(), "the unit gained the price");
    assertTrue(desk.escrow.isEmpty() && desk.repaid.isEmpty());
    assertEquals(List.of("insert-cash", "cash-counted", "take-change"), customer.screenIds());
    PaymentProof proof = cash.proof(session);
    assertEquals(PaymentProof.CASH, proof.method());
    assertEquals(PRICE, proof.amount());
    assertEquals("RRN000001", proof.reference());
    assertTrue(proof.details().isEmpty(), "a cash proof carries no details");
    assertEquals(
        List.of(
            "PAID IN CASH",
            "INSERTED JPY 10,000  CHANGE JPY 1,200",
            "RRN RRN000001  APPROVAL A000001"),
        cash.receiptLines(session));
  }

  @Test
  void exactCashIsKeptWithoutChange() {
    ScriptedCustomer customer =
        new ScriptedCustomer()
            .on(
                "insert-cash",
                s -> {
                  desk.insert(5_000, 1);
                  desk.insert(1_000, 3);
                  desk.insert(500, 1);
                  desk.insert(100, 3);
                  return Answer.chose(CashScreens.DONE);
                });

    assertEquals(PaymentOutcome.APPROVED, pay(customer));

    assertEquals(0, desk.paidOutYen);
    assertEquals(stockBefore + 8_800, desk.stockYen());
    assertEquals("5000x1,1000x3,500x1,100x3", session.payment().noted(CashNotes.PIECES).get());
  }

  @Test
  void tooLittleAsksForMoreAndThenCompletes() {
    ScriptedCustomer customer = paying(5_000, 1).on("insert-more", inserting(5_000, 1));

    assertEquals(PaymentOutcome.APPROVED, pay(customer));

    assertEquals(
        List.of("insert-cash", "cash-counted", "insert-more", "cash-counted", "take-change"),
        customer.screenIds());
    Screen more = customer.transcript().get(2);
    assertTrue(more.body().contains(Text.of("cash.due", Money.yen(3_800))), more.body().toString());
    assertTrue(customer.transcript().get(1).body().contains(Text.of("cash.due", Money.yen(3_800))));
    assertEquals(8_800, bank.issuerYen);
    assertEquals(1_200, desk.paidOutYen);
  }

  @Test
  void cancelRepaysExactlyThePiecesInsertedAndCreditsNothing() {
    ScriptedCustomer customer =
        new ScriptedCustomer()
            .on(
                "insert-cash",
                s -> {
                  desk.insert(5_000, 1);
                  desk.insert(1_000, 2);
                  return Answer.chose(CashScreens.DONE);
                })
            .on("insert-more", "cancel");

    assertEquals(PaymentOutcome.CANCELLED_BY_CUSTOMER, pay(customer));

    assertEquals(Map.of(1_000, 2, 5_000, 1), desk.repaid);
    assertEquals(0, bank.issuerYen);
    assertEquals(stockBefore, desk.stockYen());
    assertFalse(session.payment().mayHaveMoved(), "no attempt was opened");
    assertTrue(customer.screenIds().contains("cash-returned"));
  }

  @Test
  void noChangeReturnsTheCashAndTakesTheExactPriceInstead() {
    desk.stock.clear();
    desk.stock.put(5_000, 5);
    ScriptedCustomer customer =
        paying(10_000, 1)
            .on("no-change", CashScreens.EXACT)
            .on(
                "insert-cash",
                s -> {
                  desk.insert(5_000, 1);
                  desk.insert(1_000, 3);
                  desk.insert(500, 1);
                  desk.insert(100, 3);
                  return Answer.chose(CashScreens.DONE);
                });

    assertEquals(PaymentOutcome.APPROVED, pay(customer));

    assertEquals(Map.of(10_000, 1), desk.repaid, "the note that needed change went back");
    assertEquals(8_800, bank.issuerYen);
    assertEquals(0, desk.paidOutYen);
    assertTrue(customer.screenIds().contains("no-change"));
  }

  @Test
  void noChangeAndACancelEndWithTheCashBack() {
    desk.stock.clear();
    ScriptedCustomer customer = paying(10_000, 1).on("no-change", "cancel");

    assertEquals(PaymentOutcome.NO_CHANGE, pay(customer));

    assertEquals(Map.of(10_000, 1), desk.repaid);
    assertEquals(0, bank.issuerYen);
  }

  @Test
  void fullUnitTakesNoCash() {
    desk.full = true;
    ScriptedCustomer customer = paying(10_000, 1);

    assertEquals(PaymentOutcome.CASH_UNIT_FULL, pay(customer));

    assertTrue(customer.screenIds().isEmpty(), "the slot never opened");
  }

  @Test
  void jamDuringInsertionKeepsTheCashInTheUnitAndReportsItForStaff() {
    desk.jamAfterNextInsertion = true;
    ScriptedCustomer customer = paying(10_000, 1);

    assertEquals(PaymentOutcome.CASH_RETAINED, pay(customer));

    assertEquals(Map.of(10_000, 1), desk.retracted);
    assertEquals(10_000, noted(CashNotes.RETAINED));
    assertTrue(session.payment().noted(CashNotes.STAFF).orElseThrow().contains("retract bin"));
    assertTrue(customer.screenIds().contains("cash-retained"));
    assertEquals(0, bank.issuerYen);

    // The customer then pays another way: what staff owe stays in every later entry.
    session.payment().choose("transfer");
    PurchaseSession restored = PurchaseSession.restore(session.id(), ATM, session.facts());
    assertEquals(10_000, restored.payment().noted(CashNotes.RETAINED).orElseThrow());
    assertTrue(restored.payment().noted(CashNotes.STAFF).orElseThrow().contains("retract bin"));
  }

  @Test
  void declinedCreditRepaysTheCash() {
    bank.answer = "91";

    assertEquals(PaymentOutcome.ISSUER_UNAVAILABLE, pay(paying(10_000, 1)));

    assertEquals(Map.of(10_000, 1), desk.repaid);
    assertEquals(stockBefore, desk.stockYen());
    assertEquals("91", session.payment().declineCode().orElseThrow());
    assertFalse(session.payment().mayHaveMoved());
  }

  @Test
  void creditOfUnknownOutcomeRepaysTheCashAndLeavesItsReversalToTheLink() {
    bank.answer = null;

    assertEquals(PaymentOutcome.NOT_COMPLETED, pay(paying(10_000, 1)));

    assertEquals(Map.of(10_000, 1), desk.repaid);
    assertTrue(session.payment().mayHaveMoved(), "the link reverses it until confirmed");
  }

  @Test
  void cashTheUnitCannotKeepAfterTheApprovalHasItsCreditReversed() {
    desk.powerFailsAtKeep = true;

    assertEquals(PaymentOutcome.CASH_RETAINED, pay(paying(10_000, 1)));

    assertEquals(0, bank.issuerYen, "the credit followed the cash back");
    assertFalse(session.payment().mayHaveMoved());
    assertEquals(10_000, noted(CashNotes.RETAINED), "held in escrow, reported with its amount");
    assertEquals(stockBefore, desk.stockYen());
  }

  @Test
  void changeThatCannotBePaidOutIsOwedByStaffAndPrintedOnTheReceipt() {
    desk.payoutJams = true;
    ScriptedCustomer customer = paying(10_000, 1);

    assertEquals(PaymentOutcome.APPROVED, pay(customer));

    assertEquals(1_200, noted(CashNotes.CHANGE_OWED));
    assertTrue(customer.screenIds().contains("change-not-paid"));
    assertTrue(cash.receiptLines(session).contains("CHANGE NOT PAID JPY 1,200 - ASK STAFF"));
    assertEquals(Map.of(1_000, 1, 100, 2), desk.retracted, "the change is in the unit");
  }

  @Test
  void compensationTakesBackTheCreditAndPaysThePriceBack() {
    pay(paying(10_000, 1));

    cash.compensate(session);
    cash.compensate(session);

    assertEquals(0, bank.issuerYen);
    assertEquals(10_000, desk.paidOutYen, "change, then the price: the customer has it all back");
    assertEquals(stockBefore, desk.stockYen());
    assertEquals(8_800, noted(CashNotes.REPAID));
    assertFalse(session.payment().mayHaveMoved());
  }

  @Test
  void compensationWhileTheHostIsDownPaysBackOnceAndKeepsThePaymentOpen() {
    pay(paying(10_000, 1));
    bank.hostDown = true;

    cash.compensate(session);

    assertEquals(10_000, desk.paidOutYen);
    assertTrue(session.payment().mayHaveMoved(), "open until the host confirms the reversal");
    bank.hostDown = false;
    cash.compensate(session);
    assertEquals(10_000, desk.paidOutYen, "not paid back twice");
    assertEquals(0, bank.issuerYen);
    assertFalse(session.payment().mayHaveMoved());
  }

  @Test
  void compensationThatCannotPayBackLeavesThePriceToStaffOnce() {
    pay(paying(10_000, 1));
    desk.payoutJams = true;

    cash.compensate(session);
    cash.compensate(session);

    assertEquals(0, bank.issuerYen);
    assertEquals(0, noted(CashNotes.REPAID));
    assertEquals(8_800, noted(CashNotes.RETAINED), "owed by staff, reported once");
    assertEquals(1_200, desk.paidOutYen, "only the change came out");
  }

  /** The session as the journal's {@code pay.begin} left it: cash fixed in escrow, no answer. */
  private PurchaseSession crashedAfterTheAttemptWasJournaled() {
    assertTrue(cash.prepare(session, paying(10_000, 1)).isEmpty());
    session.payment().request(session.id().value());
    return PurchaseSession.restore(session.id(), ATM, session.facts());
  }

  @Test
  void recoveryOfACreditWhoseCashTheUnitRepaidReversesTheCreditOnly() throws Exception {
    PurchaseSession restored = crashedAfterTheAttemptWasJournaled();
    bank.depositCash(new CashDepositRequest(restored.payment().requiredId(), ISSUER, PRICE));
    desk.repay(); // the unit repays the escrow it finds at start

    assertEquals(PaymentMethod.Resolution.REFUNDED, cash.resolve(restored));

    assertEquals(0, bank.issuerYen);
    assertTrue(restored.payment().noted(CashNotes.STAFF).isEmpty(), "nothing for staff");
    assertEquals(Map.of(10_000, 1), desk.repaid);
  }

  @Test
  void recoveryOfCashKeptBeforeTheCrashReversesTheCreditAndReportsTheCashForStaff()
      throws Exception {
    PurchaseSession restored = crashedAfterTheAttemptWasJournaled();
    bank.depositCash(new CashDepositRequest(restored.payment().requiredId(), ISSUER, PRICE));
    desk.keep(Money.yen(1_200));
    desk.pay(Money.yen(1_200));

    assertEquals(PaymentMethod.Resolution.REFUNDED, cash.resolve(restored));

    assertEquals(0, bank.issuerYen, "never credited and kept both");
    assertEquals(8_800, restored.payment().noted(CashNotes.RETAINED).orElseThrow());
    assertTrue(restored.payment().noted(CashNotes.STAFF).orElseThrow().contains("hand back"));
  }

  @Test
  void recoveryOfAnAttemptThatNeverReachedTheBankFindsNoMoneyMoved() throws Exception {
    PurchaseSession restored = crashedAfterTheAttemptWasJournaled();
    desk.repay();

    assertEquals(PaymentMethod.Resolution.NO_MONEY, cash.resolve(restored));
  }

  @Test
  void recoveryWithAnUnreadableUnitStillReversesTheCreditAndAsksForACount() throws Exception {
    PurchaseSession restored = crashedAfterTheAttemptWasJournaled();
    bank.depositCash(new CashDepositRequest(restored.payment().requiredId(), ISSUER, PRICE));
    desk.unreadable = true;

    assertEquals(PaymentMethod.Resolution.REFUNDED, cash.resolve(restored));

    assertEquals(10_000, restored.payment().noted(CashNotes.RETAINED).orElseThrow());
    assertTrue(restored.payment().noted(CashNotes.STAFF).orElseThrow().contains("count it"));
  }

  /** Thrown by the checkpoint: the terminal dies right after the approval was journaled. */
  private static final class Killed extends RuntimeException {
    Killed() {
      super("killed after the checkpoint");
    }
  }

  /**
   * Pays, returning the facts of the last checkpoint journaled inside the step; the terminal dies
   * right after checkpoint {@code killPoint} (none: it does not die).
   */
  private Map<String, String> payKilledAt(String killPoint) {
    Map<String, String> journaled = new TreeMap<>();
    session.checkpointWith(
        point -> {
          journaled.clear();
          journaled.putAll(session.facts());
          if (point.equals(killPoint)) {
            throw new Killed();
          }
        });
    if (killPoint == null) {
      assertEquals(PaymentOutcome.APPROVED, pay(paying(10_000, 1)));
    } else {
      assertThrows(Killed.class, () -> pay(paying(10_000, 1)));
    }
    return journaled;
  }

  private PurchaseSession restored(Map<String, String> journaled) {
    return PurchaseSession.restore(session.id(), ATM, journaled);
  }

  @Test
  void theApprovalIsJournaledBeforeTheCashIsKept() {
    Map<String, String> journaled = payKilledAt("approved");

    assertTrue(PaymentPart.REFERENCE.isIn(journaled), "the approval is in the checkpoint");
    assertEquals(Map.of(10_000, 1), desk.escrow, "nothing kept yet when it was journaled");
  }

  @Test
  void recoveryOfAnApprovalWhoseCashTheUnitRepaidReversesTheCredit() throws Exception {
    Map<String, String> journaled = payKilledAt("approved");
    desk.repay(); // the unit repays the escrow it finds at start

    PurchaseSession restored = restored(journaled);
    assertEquals(PaymentMethod.Resolution.REFUNDED, cash.confirm(restored));

    assertEquals(0, bank.issuerYen, "the credit follows the cash back");
    assertTrue(restored.payment().noted(CashNotes.STAFF).isEmpty(), "nothing for staff");
  }

  @Test
  void recoveryOfCashKeptBeforeItsChangeCameOutPaysTheChange() throws Exception {
    Map<String, String> journaled = payKilledAt("approved");
    desk.keep(Money.yen(1_200)); // kept, then killed before the next checkpoint

    PurchaseSession restored = restored(journaled);
    assertEquals(PaymentMethod.Resolution.APPROVED, cash.confirm(restored));

    assertEquals(8_800, bank.issuerYen);
    assertEquals(1_200, desk.paidOutYen, "the change came out at recovery");
    assertEquals(stockBefore + 8_800, desk.stockYen());
    assertTrue(restored.payment().noted(CashNotes.STAFF).isEmpty(), "nothing for staff");
    assertEquals(
        PaymentMethod.Resolution.APPROVED,
        cash.confirm(restored(restored.facts())),
        "recovered once, nothing more comes out");
    assertEquals(1_200, desk.paidOutYen);
  }

  @Test
  void recoveryOfChangeCountedOutWhenTheTerminalStoppedLeavesItToACountOfTheRetractBin() {
    Map<String, String> journaled = payKilledAt(null); // the change came out, then the stop

    PurchaseSession restored = restored(journaled);
    assertEquals(PaymentMethod.Resolution.APPROVED, cash.confirm(restored));

    assertEquals(1_200, desk.paidOutYen, "never paid twice");
    assertEquals(1_200, restored.payment().noted(CashNotes.CHANGE_OWED).orElseThrow());
    assertTrue(restored.payment().noted(CashNotes.STAFF).orElseThrow().contains("retract bin"));
  }

  @Test
  void recoveryOfAFinishedCashPaymentMovesNothing() {
    payKilledAt(null);

    PurchaseSession restored = restored(session.facts());
    assertEquals(PaymentMethod.Resolution.APPROVED, cash.confirm(restored));

    assertEquals(1_200, desk.paidOutYen);
    assertTrue(restored.payment().noted(CashNotes.STAFF).isEmpty(), "nothing for staff");
  }

  @Test
  void refundAfterARestartTakesBackTheCreditAndLeavesTheCashToStaff() {
    pay(paying(10_000, 1));
    PurchaseSession restored = PurchaseSession.restore(session.id(), ATM, session.facts());

    assertEquals(PaymentMethod.Refund.NOTHING_KEPT, cash.refund(restored));

    assertEquals(0, bank.issuerYen);
    assertEquals(8_800, restored.payment().noted(CashNotes.RETAINED).orElseThrow());
  }

  @Test
  void offeredOnlyWhereTheKindTakesCashAndACashInUnitIsThere() {
    assertTrue(cash.offeredOn(ATM));
    assertFalse(
        cash.offeredOn(
            new TerminalProfile(
                "CD000001", Kind.IN_COMPANY_CD, Set.of(Device.IC_CARD_WRITER, Device.CASH_IN))));
    assertFalse(
        cash.offeredOn(
            new TerminalProfile("ATM00002", Kind.BANK_ATM, Set.of(Device.IC_CARD_WRITER))));
  }
}
