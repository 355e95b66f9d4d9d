package com.kippu.center.settlement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.kippu.center.catalog.IssuerId;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class SettlementTest {
  private static final IssuerId ISSUER = new IssuerId("promo");
  private static final YearMonth DECEMBER = YearMonth.of(2026, 12);

  @Test
  void feeDropsFractionsOfAYenAndFeePlusNetIsTheCollectedAmount() {
    Settlement s = Settlement.of(ISSUER, "Promo", DECEMBER, 3, 29_600, 0, 333);
    assertEquals(985, s.feeYen(), "985.68 -> 985");
    assertEquals(985, s.feeOnCollectedYen());
    assertEquals(28_615, s.payableYen());
    assertEquals(0, s.feeReceivableYen());
    assertEquals(28_615, s.netPayableYen());
    assertEquals(s.collectedYen(), s.feeYen() + s.netPayableYen());
    assertEquals(0, Settlement.fee(9_999, 1), "0.9999 yen -> 0");
    assertEquals(10_000, Settlement.fee(10_000, 10_000));
  }

  @Test
  void moneyTheIssuerReceivedDirectlyIsNeverPaidOutAgainOnlyItsFeeIsBilled() {
    Settlement direct = Settlement.of(ISSUER, "Promo", DECEMBER, 2, 0, 20_000, 300);
    assertEquals(600, direct.feeYen());
    assertEquals(0, direct.payableYen(), "nothing collected, nothing to pay");
    assertEquals(600, direct.feeReceivableYen(), "the issuer owes the operator its fee");
    assertEquals(-600, direct.netPayableYen());
  }

  @Test
  void anIssuerPaidBothWaysIsPaidItsCollectedLessItsFeeAndBilledTheFeeOnTheRest() {
    // Card companies paid the operator 36,100; transfers and e-money paid the issuer 60,300.
    Settlement s = Settlement.of(ISSUER, "Promo", DECEMBER, 9, 36_100, 60_300, 250);
    assertEquals(96_400, s.salesYen());
    assertEquals(s.salesYen(), s.collectedYen() + s.receivedByIssuerYen());
    assertEquals(902, s.feeOnCollectedYen(), "902.5 -> 902");
    assertEquals(35_198, s.payableYen(), "collected less the fee on collected");
    assertEquals(1_507, s.feeReceivableYen(), "1,507.5 -> 1,507, on what the issuer received");
    assertEquals(2_409, s.feeYen(), "each side's fee, together");
    assertEquals(35_198 - 1_507, s.netPayableYen(), "payable less fee receivable");
    assertEquals(s.collectedYen() - s.feeYen(), s.netPayableYen());

    String csv = new String(SettlementCsv.summary(List.of(s)), StandardCharsets.UTF_8);
    String[] rows = csv.split("\r\n");
    assertEquals(
        "\uFEFFperiod,issuer_id,issuer_name,payments,sales_yen,collected_yen,"
            + "received_by_issuer_yen,fee_bps,fee_yen,net_payable_yen,payable_yen,"
            + "fee_receivable_yen",
        rows[0]);
    assertEquals("2026-12,promo,Promo,9,96400,36100,60300,250,2409,33691,35198,1507", rows[1]);
  }

  @Test
  void aSideWhoseRefundsOutweighItsSalesGivesItsFeeBack() {
    Settlement s = Settlement.of(ISSUER, "Promo", DECEMBER, 2, -8_800, 12_000, 300);
    assertEquals(-264, s.feeOnCollectedYen());
    assertEquals(-8_536, s.payableYen(), "the issuer owes back what was refunded, less its fee");
    assertEquals(360, s.feeReceivableYen());
    assertEquals(-8_896, s.netPayableYen());
  }

  @Test
  void overflowIsAnErrorNotAWrongAmount() {
    assertThrows(ArithmeticException.class, () -> Settlement.fee(Long.MAX_VALUE / 2, 10_000));
    assertThrows(IllegalArgumentException.class, () -> Settlement.fee(1, 10_001));
  }

  @Test
  void csvQuotesWhatNeedsQuotingAndStartsWithABom() {
    String csv =
        new String(
            SettlementCsv.summary(
                List.of(Settlement.of(ISSUER, "Tokyo, \"Dome\"", DECEMBER, 1, 100, 0, 0))),
            StandardCharsets.UTF_8);
    assertEquals('\uFEFF', csv.charAt(0));
    assertEquals(
        "2026-12,promo,\"Tokyo, \"\"Dome\"\"\",1,100,100,0,0,0,100,100,0", csv.split("\r\n")[1]);
  }
}
