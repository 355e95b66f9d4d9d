package com.kippu.devices.cash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CashCountsTest {

  private static CashCounts counts(String upos) {
    return CashCounts.parse(upos, Denomination.YEN);
  }

  @Test
  void uposFormatRoundTripsInCashListOrder() {
    CashCounts c = counts("10:3,500:1;1000:2");
    assertEquals(3, c.count(Denomination.COIN_10));
    assertEquals(2_530, c.total());
    assertEquals(6, c.pieces());
    assertEquals(
        "1:0,5:0,10:3,50:0,100:0,500:1;1000:2,2000:0,5000:0,10000:0", c.format(Denomination.YEN));
    assertEquals(";1000:2", c.format(List.of(Denomination.NOTE_1000)));
    assertEquals(c, counts(c.format(Denomination.YEN)));
    assertEquals(c, counts("1000:2, 10:3 ,500:1"), "without ';' any order");
    assertEquals("1,5,10,50,100,500;1000,2000,5000,10000", Denomination.cashList(Denomination.YEN));
    assertEquals(
        Denomination.YEN, Denomination.parseCashList(Denomination.cashList(Denomination.YEN)));
  }

  @Test
  void badCountsAreRefusedWithTheItemNamed() {
    Map<String, String> bad =
        Map.of(
            "1000:2;10:1", "wrong side",
            "3:1", "no yen coin or note of value 3",
            "10:x", "'10:x'",
            "10:-1", "negative",
            "10:1,10:2", "twice",
            "1;2;3", "more than one ';'",
            "1000", "'1000'");
    bad.forEach(
        (text, expected) -> {
          IllegalArgumentException e =
              assertThrows(IllegalArgumentException.class, () -> counts(text), text);
          assertTrue(e.getMessage().contains(expected), e.getMessage());
        });
    IllegalArgumentException coins =
        assertThrows(
            IllegalArgumentException.class,
            () -> CashCounts.parse("100:1", List.of(Denomination.NOTE_1000)));
    assertTrue(coins.getMessage().contains("not handled by this unit"), coins.getMessage());
  }

  @Test
  void arithmeticNeverGoesNegative() {
    CashCounts c = counts(";1000:2");
    assertEquals(counts(";1000:1"), c.minus(counts(";1000:1")));
    assertTrue(c.minus(c).isEmpty());
    assertThrows(IllegalArgumentException.class, () -> c.minus(counts(";1000:3")));
    assertTrue(counts(";1000:1").fitsIn(c));
    assertFalse(counts("1:1").fitsIn(c));
  }

  @Test
  void changePlannerFindsAnExactPlanWhereGreedyFails() {
    CashCounts stock = counts(";2000:3,5000:1");
    assertEquals(
        Optional.of(counts(";2000:3")), ChangePlanner.plan(6_000, stock, Denomination.YEN));
    assertEquals(
        Optional.of(counts(";5000:1")), ChangePlanner.plan(5_000, stock, Denomination.YEN));
    assertEquals(Optional.empty(), ChangePlanner.plan(1_000, stock, Denomination.YEN));
    assertEquals(Optional.empty(), ChangePlanner.plan(0, stock, Denomination.YEN));
    assertEquals(
        Optional.empty(),
        ChangePlanner.plan(5_000, stock, List.of(Denomination.NOTE_2000)),
        "only the usable denominations count");
    CashCounts big = counts("1:0,5:1000,10:1000;1000:1000,10000:1000");
    assertEquals(Optional.empty(), ChangePlanner.plan(9_999_999, big, Denomination.YEN));
    assertEquals(
        Optional.of(counts("5:1,10:4;1000:9,10000:999")),
        ChangePlanner.plan(9_999_045, big, Denomination.YEN));
  }
}
