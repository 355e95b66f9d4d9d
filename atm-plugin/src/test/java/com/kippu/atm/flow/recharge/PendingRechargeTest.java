package com.kippu.atm.flow.recharge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.center.CardValue;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.PendingLoad;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethod;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.pay.PendingLoads;
import com.kippu.atm.flow.pay.PurseLoad;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.Purse;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.TerminalProfile;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * F11: the center recorded a paid recharge, and the card left the reader before its purse was
 * written. The session ends with the payment standing and the value a pending load at the center;
 * it never waits on this terminal for that card. When the card comes back, at this or any other
 * terminal, the pending load is written once and reported.
 */
class PendingRechargeTest {
  private static final CardId CARD = new CardId("PC-0001");
  private static final Money AMOUNT = Money.yen(10_000);
  private static final TerminalProfile TERMINAL =
      new TerminalProfile(
          "ATM00001", TerminalProfile.Kind.BANK_ATM, Set.of(TerminalProfile.Device.EMONEY_READER));

  private final IssuerCenter center = mock(IssuerCenter.class);
  private final PaymentMethod transfer = mock(PaymentMethod.class);
  private final CardPurse chip = new CardPurse(5_000);
  private final PurchaseSession session = new PurchaseSession(new SessionId("S1"), TERMINAL);
  private final Recharge recharge = new Recharge();
  private String purseTx;

  @BeforeEach
  void paid() throws Exception {
    when(transfer.id()).thenReturn("transfer");
    PaymentProof proof =
        new PaymentProof(
            PaymentProof.ACCOUNT_TRANSFER,
            AMOUNT,
            "RRN-1",
            "A1B2C3",
            "000001",
            Instant.EPOCH,
            "000001",
            Map.of());
    when(transfer.proof(any())).thenReturn(proof);
    when(center.recharge(eq(CARD), eq(proof), anyString()))
        .thenReturn(new CardValue(CARD, new IssuerId("suica-like"), true, Money.yen(15_000)));
    session.card().read(new ChipData(CARD, "HANAKO", new AccountNumber("0001-001-1234567"), 0));
    session.payment().choose("transfer");
    purseTx = PurseLoad.transactionId(session.payment().request("S1") + "-L");
  }

  private ApplyRecharge step(IcCard reader) {
    return new ApplyRecharge(
        center,
        new PaymentMethods(List.of(transfer)),
        mock(CustomerTerminal.class),
        recharge,
        new PurseLoad(chip, reader));
  }

  private static IcCard holding(CardId card) throws CardException {
    IcCard reader = mock(IcCard.class);
    when(reader.readChip())
        .thenReturn(new ChipData(card, "HANAKO", new AccountNumber("0001-001-1234567"), 0));
    return reader;
  }

  private static IcCard empty() throws CardException {
    IcCard reader = mock(IcCard.class);
    when(reader.readChip()).thenThrow(new CardException("no card"));
    return reader;
  }

  @Test
  void aCardTakenOutBeforeTheWriteAndNeverBackEndsTheSessionWithThePaymentStanding()
      throws Exception {
    Outcome out = step(empty()).run(session);

    assertEquals(Outcome.Kind.NEXT, out.kind(), out.reason());
    assertTrue(recharge.isLoadPending(), "the receipt says where the value is");
    verify(center).recharge(eq(CARD), any(), eq(purseTx));
    verify(transfer).settled(session);
    verify(center, never()).loaded(any(), anyString());
    assertEquals(5_000, chip.balance, "nothing was written");
  }

  @Test
  void thePendingLoadIsWrittenOnceWhenTheCardComesBackAtAnotherTerminal() throws Exception {
    step(empty()).run(session);
    when(center.pendingLoads(CARD)).thenReturn(List.of(new PendingLoad(CARD, purseTx, AMOUNT)));

    PendingLoads otherTerminal = new PendingLoads(center, new PurseLoad(chip, holding(CARD)));
    assertEquals(AMOUNT, otherTerminal.pickUp(CARD));
    assertEquals(15_000, chip.balance);
    verify(center).loaded(CARD, purseTx);

    // The report was lost, and the card paid elsewhere since: the card still takes it once.
    chip.subtract(Money.yen(2_000), "KPpaid-elsewhere");
    otherTerminal.pickUp(CARD);
    assertEquals(13_000, chip.balance, "not loaded twice");
    verify(center, times(2)).loaded(CARD, purseTx);
  }

  @Test
  void anotherCardInTheReaderTakesNoPendingLoad() throws Exception {
    when(center.pendingLoads(CARD)).thenReturn(List.of(new PendingLoad(CARD, purseTx, AMOUNT)));

    assertEquals(
        Money.yen(0),
        new PendingLoads(center, new PurseLoad(chip, holding(new CardId("PC-0002")))).pickUp(CARD));
    assertEquals(5_000, chip.balance);
    verify(center, never()).loaded(any(), anyString());
  }

  @Test
  void aCardInTheReaderIsWrittenAtOnceAndReported() throws Exception {
    Outcome out = step(holding(CARD)).run(session);

    assertEquals(Outcome.Kind.NEXT, out.kind());
    assertEquals(15_000, chip.balance);
    assertTrue(!recharge.isLoadPending());
    verify(center).loaded(CARD, purseTx);
  }

  /** The purse as the card keeps it: a movement under an id its log holds moves nothing again. */
  private static final class CardPurse implements Purse {
    final List<Movement> log = new ArrayList<>();
    long balance;

    CardPurse(long balance) {
      this.balance = balance;
    }

    @Override
    public long balanceYen() {
      return balance;
    }

    @Override
    public Movement subtract(Money amount, String id) {
      return move(true, amount, id);
    }

    @Override
    public Movement add(Money amount, String id) {
      return move(false, amount, id);
    }

    private Movement move(boolean subtract, Money amount, String id) {
      for (Movement m : log) {
        if (m.transactionId().equals(id)) {
          return m;
        }
      }
      balance += subtract ? -amount.yen() : amount.yen();
      Movement m = new Movement(CARD.value(), subtract, amount.yen(), balance, id, log.size() + 1);
      log.add(m);
      return m;
    }

    @Override
    public Optional<Movement> lastMovement() {
      return log.isEmpty() ? Optional.empty() : Optional.of(log.get(log.size() - 1));
    }
  }
}
