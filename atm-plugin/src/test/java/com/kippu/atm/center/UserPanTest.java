package com.kippu.atm.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/**
 * The account number the PIN pad forms a user's PIN block with must be the one the center opens it
 * with: the same golden values as the center's {@code PinBlocksTest}.
 */
class UserPanTest {
  @Test
  void theTerminalDerivesTheCentersAccountNumbers() {
    assertEquals("9992591791974560", UserPan.of(new UserId("hanako01")));
    assertEquals("9914543187261891", UserPan.of(new UserId("taro0001")));
    assertNotEquals(UserPan.of(new UserId("hanako01")), UserPan.of(new UserId("hanako02")));
  }

  @Test
  void theCheckDigitIsLuhns() {
    String pan = UserPan.of(new UserId("someone-else"));
    assertEquals(pan.charAt(15) - '0', UserPan.luhn(pan.substring(0, 15)));
  }
}
