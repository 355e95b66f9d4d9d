package com.kippu.atm.flow.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kippu.atm.card.CardId;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.flow.pay.PurseLoad;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;
import org.junit.jupiter.api.Test;

/**
 * Value the center recorded goes into the purse of its own card once: the card's value log, by the
 * load's id, says whether an earlier attempt wrote it, and another card in the reader is never
 * written.
 */
class PurseLoadTest {
  private static final CardId CARD = new CardId("KC-0001");

  private final EMoneyPaymentTest.FakePurse purse = new EMoneyPaymentTest.FakePurse(5_000);

  private PurseLoad load(String cardInReader) {
    return new PurseLoad(
        purse,
        new Fakes.FakeCard(
            new ChipData(
                new CardId(cardInReader), "HANAKO", new AccountNumber("0001-001-1234567"), 0)));
  }

  @Test
  void theValueIsLoadedOnceUnderTheSameId() throws Exception {
    PurseLoad load = load("KC-0001");
    assertEquals(PurseLoad.Result.LOADED, load.load(CARD, Money.yen(10_000), "P1-L"));
    assertEquals(PurseLoad.Result.LOADED, load.load(CARD, Money.yen(10_000), "P1-L"));
    assertEquals(15_000, purse.balance, "loaded once");
    assertEquals(1, purse.log.size());
  }

  @Test
  void anAnswerLostAfterTheWriteIsTheCardsToTell() throws Exception {
    purse.failsAfterAdd = true;
    assertEquals(PurseLoad.Result.LOADED, load("KC-0001").load(CARD, Money.yen(1_000), "P2-L"));
    purse.failsAfterAdd = false;
    assertEquals(PurseLoad.Result.LOADED, load("KC-0001").load(CARD, Money.yen(1_000), "P2-L"));
    assertEquals(6_000, purse.balance);
  }

  @Test
  void anotherCardInTheReaderIsNotWritten() throws Exception {
    assertEquals(PurseLoad.Result.NEEDS_CARD, load("KC-0002").load(CARD, Money.yen(1_000), "P3-L"));
    assertEquals(5_000, purse.balance);
    assertEquals(0, purse.log.size());
  }

  @Test
  void noCardWaitsForIt() throws Exception {
    purse.noCard = true;
    assertEquals(PurseLoad.Result.NEEDS_CARD, load("KC-0001").load(CARD, Money.yen(1_000), "P4-L"));
  }

  @Test
  void aNewLoadAfterTheCardPaidIsWritten() throws Exception {
    PurseLoad load = load("KC-0001");
    load.load(CARD, Money.yen(1_000), "P5-L");
    purse.subtract(Money.yen(500), "KPother");
    assertEquals(PurseLoad.Result.LOADED, load.load(CARD, Money.yen(2_000), "P6-L"));
    assertEquals(7_500, purse.balance);
  }

  /**
   * The load was written, its journal entry lost, and the card paid elsewhere before it came back:
   * the card's last movement is that payment, yet the load is on the card and is not written again.
   */
  @Test
  void aLoadIsNotWrittenAgainAfterTheCardPaidElsewhere() throws Exception {
    PurseLoad load = load("KC-0001");
    assertEquals(PurseLoad.Result.LOADED, load.load(CARD, Money.yen(10_000), "P7-L"));
    purse.subtract(Money.yen(3_000), "KPpaid-at-a-gate");

    assertEquals(PurseLoad.Result.LOADED, load.load(CARD, Money.yen(10_000), "P7-L"));

    assertEquals(5_000 + 10_000 - 3_000, purse.balance, "loaded once");
    assertEquals(2, purse.log.size());
  }
}
