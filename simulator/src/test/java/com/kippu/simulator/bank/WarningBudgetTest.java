package com.kippu.simulator.bank;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class WarningBudgetTest {
  @Test
  void aConnectionGetsItsFirstWarningsInFullThenACountAtEachTenfold() {
    WarningBudget budget = new WarningBudget(new HashMap<>());
    List<Long> inFull = new ArrayList<>();
    List<Long> counted = new ArrayList<>();
    for (int i = 0; i < 12_345; i++) {
      long n = budget.next("a");
      if (WarningBudget.inFull(n)) {
        inFull.add(n);
      } else if (WarningBudget.milestone(n)) {
        counted.add(n);
      }
    }

    assertEquals(LongStream.rangeClosed(1, WarningBudget.IN_FULL).boxed().toList(), inFull);
    assertEquals(List.of(10L, 100L, 1_000L, 10_000L), counted);
  }

  @Test
  void connectionsAreCountedApartAndForgottenWhenTheyEnd() {
    WarningBudget budget = new WarningBudget(new HashMap<>());
    for (int i = 0; i < 7; i++) {
      budget.next("a");
    }
    assertEquals(1, budget.next("b"));

    assertEquals(7, budget.forget("a"));
    assertEquals(0, budget.forget("a"));
    assertEquals(1, budget.next("a"));
  }

  @Test
  void aBoundedBudgetForgetsTheConnectionLeastRecentlyWarnedAbout() {
    WarningBudget budget = WarningBudget.bounded(3);
    budget.next("a");
    budget.next("b");
    budget.next("c");
    budget.next("a");

    budget.next("d");

    assertEquals(0, budget.forget("b"));
    assertEquals(2, budget.forget("a"));
    assertEquals(1, budget.forget("c"));
    assertEquals(1, budget.forget("d"));
  }
}
