package com.kippu.atm.flow.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.card.CardId;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.EMoneyPayment;
import com.kippu.atm.flow.pay.PaymentMethod;
import com.kippu.atm.flow.pay.PaymentOutcome;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.Purse;
import com.kippu.atm.spi.ScriptedCustomer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The e-money method against a purse that records its own movements like the card does: the card
 * decides every doubt, and value goes back once.
 */
class EMoneyPaymentTest {
  private final FakePurse purse = new FakePurse(20_000);
  private final EMoneyPayment method =
      new EMoneyPayment(purse, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC));
  private PurchaseSession session;

  /**
   * A purse on card KC-0001 keeping its value log; fault switches for the reader, and another card
   * that may be in the reader instead, with its own last movement.
   */
  static final class FakePurse implements Purse {
    final List<Movement> log = new ArrayList<>();
    long balance;
    boolean noCard;
    boolean failsAfterSubtract;
    boolean failsAfterAdd;

    /** When set, the reader holds another card whose last movement this is. */
    Movement otherCard;

    /** Value movements written to the other card. */
    int otherCardWrites;

    FakePurse(long balance) {
      this.balance = balance;
    }

    private void present() throws PurseException {
      if (noCard) {
        throw new PurseException("no card", true, null);
      }
    }

    /** True when the other card is in the reader: a write goes to it, not to KC-0001. */
    private boolean wroteToOtherCard() {
      if (otherCard == null) {
        return false;
      }
      otherCardWrites++;
      return true;
    }

    @Override
    public long balanceYen() throws PurseException {
      present();
      return balance;
    }

    @Override
    public Movement subtract(Money amount, String id)
        throws PurseException, InsufficientValueException {
      present();
      if (wroteToOtherCard()) {
        return otherCard;
      }
      Optional<Movement> earlier = recorded(true, amount, id);
      if (earlier.isPresent()) {
        return earlier.get();
      }
      if (balance < amount.yen()) {
        throw new InsufficientValueException("balance " + balance);
      }
      balance -= amount.yen();
      Movement m = new Movement("KC-0001", true, amount.yen(), balance, id, log.size() + 1);
      log.add(m);
      if (failsAfterSubtract) {
        throw new PurseException("reader lost power after the write", false, null);
      }
      return m;
    }

    @Override
    public Movement add(Money amount, String id) throws PurseException {
      present();
      if (wroteToOtherCard()) {
        return otherCard;
      }
      Optional<Movement> earlier = recorded(false, amount, id);
      if (earlier.isPresent()) {
        return earlier.get();
      }
      balance += amount.yen();
      Movement m = new Movement("KC-0001", false, amount.yen(), balance, id, log.size() + 1);
      log.add(m);
      if (failsAfterAdd) {
        throw new PurseException("reader lost power after the write", false, null);
      }
      return m;
    }

    /**
     * As the card does: a movement asked for under an id its log holds is that movement (the same
     * direction and amount), anywhere in the log; another amount under it is refused.
     */
    private Optional<Movement> recorded(boolean subtract, Money amount, String id)
        throws PurseException {
      for (Movement m : log) {
        if (m.transactionId().equals(id)) {
          if (m.subtract() != subtract || m.amountYen() != amount.yen()) {
            throw new PurseException("id " + id + " names another movement", false, null);
          }
          return Optional.of(m);
        }
      }
      return Optional.empty();
    }

    @Override
    public Optional<Movement> lastMovement() throws PurseException {
      present();
      if (otherCard != null) {
        return Optional.of(otherCard);
      }
      return log.isEmpty() ? Optional.empty() : Optional.of(log.get(log.size() - 1));
    }
  }

  @BeforeEach
  void holdASeat() throws Exception {
    Fakes.FakeCenter center = new Fakes.FakeCenter();
    session = new PurchaseSession(new SessionId("S1"), Fakes.TERMINAL);
    session.card().read(new ChipData(new CardId("KC-0001"), "Hanako", Fakes.CUSTOMER, 20_000));
    session.hold().choose(center.events().get(0), center.seats(Fakes.EVENT).subList(0, 1));
    session
        .hold()
        .granted(
            center.reserve(Fakes.EVENT, List.of(new SeatId("A-1-1")), new CardId("KC-0001"), "R"),
            Instant.EPOCH);
    session.payment().choose(EMoneyPayment.ID);
    session.payment().request("S1");
  }

  @Test
  void paymentKeepsThePursesRecordAsTheProof() {
    assertEquals(PaymentOutcome.APPROVED, method.pay(session, new ScriptedCustomer()));

    assertEquals(20_000 - 8_800, purse.balance);
    PaymentProof proof = method.proof(session);
    assertEquals(PaymentProof.EMONEY, proof.method());
    assertEquals("KC-0001", proof.details().get(PaymentProof.PURSE_ID));
    assertEquals("1", proof.details().get(PaymentProof.PURSE_SEQUENCE));
    assertEquals(proof.reference(), proof.details().get(PaymentProof.PURSE_TRANSACTION_ID));
    assertTrue(proof.reference().length() <= 32, "the purse keeps ids of 32 characters");
  }

  @Test
  void tooLittleValueIsDeclinedAndMovesNothing() {
    purse.balance = 1_000;

    assertEquals(PaymentOutcome.INSUFFICIENT_VALUE, method.pay(session, new ScriptedCustomer()));
    assertEquals(1_000, purse.balance);
    assertFalse(session.payment().mayHaveMoved());
  }

  @Test
  void failureAfterTheValueLeftTheCardIsAnApprovalTheCardConfirms() {
    purse.failsAfterSubtract = true;

    assertEquals(PaymentOutcome.APPROVED, method.pay(session, new ScriptedCustomer()));
    assertTrue(session.payment().approval().isPresent(), "no free ticket, no second charge");
  }

  @Test
  void compensationPutsTheValueBackOnceAndAgainIsANoOp() throws Exception {
    method.pay(session, new ScriptedCustomer());

    method.compensate(session);
    method.compensate(session);

    assertEquals(20_000, purse.balance);
    assertEquals(2, purse.log.size(), "one payment, one refund");
    assertFalse(session.payment().mayHaveMoved());
  }

  @Test
  void afterACrashTheCardSaysWhetherTheValueLeft() {
    PurchaseSession restored =
        PurchaseSession.restore(session.id(), Fakes.TERMINAL, session.facts());
    assertEquals(PaymentMethod.Resolution.NO_MONEY, method.resolve(restored), "nothing moved");

    method.pay(session, new ScriptedCustomer());
    restored = PurchaseSession.restore(session.id(), Fakes.TERMINAL, session.facts());
    assertEquals(PaymentMethod.Resolution.APPROVED, method.resolve(restored));
    assertTrue(restored.payment().approval().isPresent(), "the card's record fills the proof");

    assertEquals(PaymentMethod.Refund.REFUNDED, method.refund(restored));
    assertEquals(PaymentMethod.Resolution.REFUNDED, method.resolve(restored));
    assertEquals(PaymentMethod.Refund.REFUNDED, method.refund(restored), "not refunded twice");
    assertEquals(20_000, purse.balance);

    purse.noCard = true;
    assertEquals(PaymentMethod.Resolution.NEEDS_CARD, method.resolve(restored));
    assertEquals(PaymentMethod.Refund.LATER, method.refund(restored));
  }

  @Test
  void anotherCardInTheReaderCannotSayTheValueNeverLeft() {
    // The value left KC-0001, then the terminal lost power before the approval was journaled.
    PurchaseSession requested =
        PurchaseSession.restore(session.id(), Fakes.TERMINAL, session.facts());
    method.pay(session, new ScriptedCustomer());
    purse.otherCard = new Purse.Movement("KC-0002", true, 500, 4_500, "KPother", 7);

    assertEquals(PaymentMethod.Resolution.NEEDS_CARD, method.resolve(requested));
    assertEquals(PaymentMethod.Refund.LATER, method.refund(requested));
    assertEquals(0, purse.otherCardWrites, "nothing added to another card's purse");

    purse.otherCard = null;
    assertEquals(PaymentMethod.Resolution.APPROVED, method.resolve(requested), "its own card");
    assertEquals(20_000 - 8_800, purse.balance);
  }

  @Test
  void anotherCardsMovementIsNeverTakenForThisSessionsPayment() throws Exception {
    PurchaseSession requested =
        PurchaseSession.restore(session.id(), Fakes.TERMINAL, session.facts());
    method.pay(session, new ScriptedCustomer());
    Purse.Movement paid = purse.log.get(0);
    // Another card carries a record under this payment's transaction id.
    purse.otherCard =
        new Purse.Movement("KC-0002", true, paid.amountYen(), 1_200, paid.transactionId(), 3);

    assertEquals(PaymentMethod.Resolution.NEEDS_CARD, method.resolve(requested));
    assertTrue(requested.payment().approval().isEmpty(), "no proof from another card's purse");
    assertEquals(PaymentMethod.Refund.LATER, method.refund(session));
    assertThrows(Purse.PurseException.class, () -> method.compensate(session));
    assertEquals(0, purse.otherCardWrites, "no refund onto another card");
    assertTrue(session.payment().mayHaveMoved(), "still to be taken back from KC-0001");

    purse.otherCard = null;
    method.compensate(session);
    assertEquals(20_000, purse.balance, "refunded to the card that paid");
  }

  @Test
  void aCardItsIssuerNeverActivatedIsRefusedBeforeItsPurseIsTouched() {
    EMoneyPayment checked =
        new EMoneyPayment(
            purse,
            java.time.Clock.systemUTC(),
            card ->
                card.value().equals("KC-0001")
                    ? com.kippu.atm.flow.pay.ActivationCheck.Standing.NOT_ACTIVATED
                    : com.kippu.atm.flow.pay.ActivationCheck.Standing.USABLE);

    assertEquals(
        Optional.of(PaymentOutcome.CARD_NOT_ACTIVATED),
        checked.prepare(session, new ScriptedCustomer()));
    assertEquals(20_000, purse.balance);
    assertTrue(purse.log.isEmpty(), "the purse was never asked");
  }

  @Test
  void anIssuerThatCannotBeAskedRefusesTheValueForNow() {
    EMoneyPayment checked =
        new EMoneyPayment(
            purse,
            java.time.Clock.systemUTC(),
            card -> com.kippu.atm.flow.pay.ActivationCheck.Standing.UNKNOWN);

    assertEquals(
        Optional.of(PaymentOutcome.NOT_COMPLETED),
        checked.prepare(session, new ScriptedCustomer()));
    assertEquals(20_000, purse.balance);
  }

  @Test
  void aCardOnTheRevocationListDoesNotPayWithItsValue() {
    EMoneyPayment checked =
        new EMoneyPayment(
            purse,
            java.time.Clock.systemUTC(),
            card -> com.kippu.atm.flow.pay.ActivationCheck.Standing.REVOKED);

    assertEquals(
        Optional.of(PaymentOutcome.DECLINED), checked.prepare(session, new ScriptedCustomer()));
    assertEquals(20_000, purse.balance);
    assertTrue(purse.log.isEmpty(), "the purse was never asked");
  }
}
