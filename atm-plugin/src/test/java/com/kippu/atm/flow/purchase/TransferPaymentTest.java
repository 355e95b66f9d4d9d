package com.kippu.atm.flow.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.card.CardId;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentOutcome;
import com.kippu.atm.flow.pay.TransferPayment;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.CardReader;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.TerminalProfile;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Account transfer from a cash card swiped on the magnetic reader (S1 ¶56): the account is the
 * card's, whichever bank holds it, and its PIN proves it; a card that is not a cash card is refused
 * before anything is sent.
 */
class TransferPaymentTest {
  private static final AccountNumber OTHER_BANK = new AccountNumber("0005-002-3456789");

  private final Fakes.FakeBank bank = new Fakes.FakeBank();
  private final Fakes.FakePinPad pinPad = new Fakes.FakePinPad();
  private final FakeReader reader = new FakeReader();
  private final TransferPayment method =
      TransferPayment.withCashCard(bank, pinPad, reader, "000001", Duration.ofSeconds(30));
  private final ScriptedCustomer customer = new ScriptedCustomer();
  private PurchaseSession session;

  /** A reader whose customer swipes the queued cards in order; nothing queued is no swipe. */
  static final class FakeReader implements CardReader {
    final Deque<Object> swipes = new ArrayDeque<>();

    @Override
    public Optional<SwipedCard> awaitSwipe(Duration timeout) throws UnreadableCardException {
      Object next = swipes.poll();
      if (next instanceof UnreadableCardException e) {
        throw e;
      }
      return Optional.ofNullable((CardNumber) next)
          .map(n -> new SwipedCard(n, new CardExpiry(YearMonth.of(2030, 12))));
    }
  }

  @BeforeEach
  void holdASeat() throws Exception {
    bank.balances.put(Fakes.CUSTOMER, 50_000L);
    bank.balances.put(OTHER_BANK, 30_000L);
    bank.balances.put(Fakes.ISSUER, 0L);
    Fakes.FakeCenter center = new Fakes.FakeCenter();
    session = new PurchaseSession(new SessionId("S1"), Fakes.TERMINAL);
    session.card().read(new ChipData(new CardId("KC-0001"), "Hanako", Fakes.CUSTOMER, 0));
    session.hold().choose(center.events().get(0), center.seats(Fakes.EVENT).subList(0, 1));
    session
        .hold()
        .granted(
            center.reserve(Fakes.EVENT, List.of(new SeatId("A-1-1")), new CardId("KC-0001"), "R"),
            Instant.EPOCH);
    session.payment().choose(TransferPayment.WITH_CASH_CARD);
  }

  private PaymentOutcome prepareAndPay() {
    Optional<PaymentOutcome> refused = method.prepare(session, customer);
    if (refused.isPresent()) {
      return refused.get();
    }
    session.payment().request("S1");
    return method.pay(session, customer);
  }

  @Test
  void anotherBanksCashCardPaysFromItsOwnAccountWithItsPin() {
    CardNumber cashCard = CardNumber.ofCashAccount(OTHER_BANK);
    reader.swipes.add(cashCard);

    assertEquals(PaymentOutcome.APPROVED, prepareAndPay());

    assertEquals(List.of(cashCard), pinPad.asked, "the PIN of the swiped card");
    assertEquals(OTHER_BANK, bank.transfers.get(0).from());
    assertEquals(30_000L - 8_800, bank.balances.get(OTHER_BANK));
    assertEquals(50_000L, bank.balances.get(Fakes.CUSTOMER), "the IC card's account untouched");
    List<String> receipt = method.receiptLines(session);
    assertEquals("FROM " + OTHER_BANK.masked(), receipt.get(1));
    assertTrue(
        session.facts().values().stream().noneMatch(v -> v.contains(OTHER_BANK.value())),
        "only the masked account is journaled: " + session.facts());
  }

  @Test
  void aCardThatIsNotACashCardIsRefusedBeforeThePinOrTheBank() {
    reader.swipes.add(new CardNumber("4980001000012345"));

    assertEquals(PaymentOutcome.NOT_A_CASH_CARD, prepareAndPay());

    assertTrue(pinPad.asked.isEmpty());
    assertTrue(bank.transfers.isEmpty());
    assertFalse(session.payment().mayHaveMoved());
  }

  @Test
  void noSwipeOrAnUnreadableOneSendsNothing() {
    assertEquals(PaymentOutcome.CANCELLED_BY_CUSTOMER, prepareAndPay());
    reader.swipes.add(new CardReader.UnreadableCardException("bad track 2", null));
    assertEquals(PaymentOutcome.UNREADABLE_CARD, prepareAndPay());

    assertTrue(bank.transfers.isEmpty());
    assertEquals(List.of("swipe-cash-card", "swipe-cash-card"), customer.screenIds());
  }

  @Test
  void offeredOnlyWhereTheTerminalHasAMagneticReader() {
    TerminalProfile withReader =
        new TerminalProfile(
            "ATM00001",
            TerminalProfile.Kind.BANK_ATM,
            Set.of(TerminalProfile.Device.IC_CARD_WRITER, TerminalProfile.Device.CARD_READER));

    assertTrue(method.offeredOn(withReader));
    assertFalse(method.offeredOn(Fakes.TERMINAL));
    assertTrue(TransferPayment.fromIcCard(bank, pinPad, "000001").offeredOn(Fakes.TERMINAL));
  }
}
