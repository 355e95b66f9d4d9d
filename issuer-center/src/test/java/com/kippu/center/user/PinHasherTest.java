package com.kippu.center.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class PinHasherTest {
  private final PinHasher hasher = new PinHasher(10_000, new SecureRandom());

  @Test
  void saltedHashMatchesOnlyTheRightPin() {
    PinHash a = hasher.hash(new Pin("2468"));
    PinHash b = hasher.hash(new Pin("2468"));
    assertFalse(Arrays.equals(a.hash(), b.hash()), "salted: same PIN, different hash");
    assertTrue(hasher.matches(new Pin("2468"), a));
    assertFalse(hasher.matches(new Pin("2469"), a));
    assertEquals(PinHasher.ALGORITHM, a.algorithm());
    assertEquals(32, a.hash().length);
  }

  @Test
  void theHashKeepsItsIterationCountAndThePinIsNeverPrinted() {
    PinHash old = new PinHasher(20_000, new SecureRandom()).hash(new Pin("1357"));
    assertTrue(hasher.matches(new Pin("1357"), old), "verified with its own count");
    assertEquals("Pin[****]", new Pin("1357").toString());
    assertFalse(old.toString().contains("1357"));
    assertNotEquals(-1, old.toString().indexOf("20000"));
    assertThrows(IllegalArgumentException.class, () -> new Pin("12a4"));
  }

  @Test
  void productionDefaultIsSlow() {
    assertTrue(com.kippu.center.BusinessRules.DEFAULT_PIN_ITERATIONS >= 600_000);
  }
}
