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

  @Test
  void feeDropsFractionsOfAYenAndFeePlusNetIsTheCollectedAmount() {
    Settlement s = Settlement.of(ISSUER, "Promo", YearMonth.of(2026, 12), 3, 29_600, 0, 333);
    assertEquals(985, s.feeYen(), "985.68 -> 985");
    assertEquals(28_615, s.netPayableYen());
    assertEquals(s.collectedYen(), s.feeYen() + s.netPayableYen());
    assertEquals(0, Settlement.fee(9_999, 1), "0.9999 yen -> 0");
    assertEquals(10_000, Settlement.fee(10_000, 10_000));
  }

  @Test
  void moneyTheIssuerReceivedDirectlyIsNeverPaidOutAgainOnlyItsFeeIsBilled() {
    Settlement direct = Settlement.of(ISSUER, "Promo", YearMonth.of(2026, 12), 2, 0, 20_000, 300);
    assertEquals(600, direct.feeYen());
    assertEquals(-600, direct.netPayableYen(), "the issuer owes the operator its fee");

    Settlement mixed =
        Settlement.of(ISSUER, "Promo", YearMonth.of(2026, 12), 3, 8_800, 20_000, 300);
    assertEquals(28_800, mixed.salesYen());
    assertEquals(864, mixed.feeYen(), "fee on all sales");
    assertEquals(8_800 - 864, mixed.netPayableYen(), "only what the operator collected is paid");
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
                List.of(
                    Settlement.of(
                        ISSUER, "Tokyo, \"Dome\"", YearMonth.of(2026, 12), 1, 100, 0, 0))),
            StandardCharsets.UTF_8);
    assertEquals('\uFEFF', csv.charAt(0));
    assertEquals("2026-12,promo,\"Tokyo, \"\"Dome\"\"\",1,100,100,0,0,0,100", csv.split("\r\n")[1]);
  }
}
