package com.kippu.center.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PinBlocksTest {
  private static final byte[] KEY = HexFormat.of().parseHex("0123456789ABCDEFFEDCBA9876543210");

  /** The same numbers the terminal derives (atm-plugin's UserPinAccountTest holds them too). */
  @Test
  void userAccountNumbersAreStableLuhnCheckedAndDistinct() {
    assertEquals(GOLDEN_HANAKO, UserPan.of(new UserId("hanako01")));
    assertEquals(GOLDEN_TARO, UserPan.of(new UserId("taro0001")));
    String pan = UserPan.of(new UserId("hanako01"));
    assertEquals(16, pan.length());
    assertEquals(pan.charAt(15) - '0', UserPan.luhn(pan.substring(0, 15)));
  }

  static final String GOLDEN_HANAKO = "9992591791974560";
  static final String GOLDEN_TARO = "9914543187261891";

  @Test
  void aBlockOpensToItsPinForItsUserOnly() {
    UserId hanako = new UserId("hanako01");
    String block = FakePinPad.block(KEY, "7314", hanako);
    Optional<Pin> pin = PinBlocks.open(KEY, block, hanako);
    assertTrue(pin.isPresent());
    assertTrue(
        new PinHasher(1_000, new java.security.SecureRandom())
            .matches(
                pin.get(),
                new PinHasher(1_000, new java.security.SecureRandom()).hash(new Pin("7314"))));
    assertTrue(
        PinBlocks.open(KEY, block, new UserId("taro0001")).isEmpty(),
        "a block made for one user opens as garbage for another");
    assertTrue(
        PinBlocks.open(HexFormat.of().parseHex("00000000000000001111111111111111"), block, hanako)
            .isEmpty(),
        "under another key it does not open");
    assertTrue(PinBlocks.open(KEY, "not hex", hanako).isEmpty());
  }

  /**
   * A bank account's cash card number, as the terminal's {@code CardNumber.ofCashAccount} forms it
   * (the simulator's PinBlockAgreementTest holds both to the same numbers).
   */
  @Test
  void accountNumbersAreTheCashCardNumbers() {
    assertEquals("000100112345671", AccountPan.of("0001-001-1234567"));
    assertEquals(
        UserPan.luhn("00010017654321"), AccountPan.of("0001-001-7654321").charAt(14) - '0');
  }

  @Test
  void anAccountBlockOpensForItsAccountOnly() {
    String block = FakePinPad.block(KEY, "8264", AccountPan.of("0001-001-1234567"));
    Optional<Pin> pin = PinBlocks.open(KEY, block, AccountPan.of("0001-001-1234567"));
    assertEquals("8264", new String(pin.orElseThrow().digits()));
    assertTrue(
        PinBlocks.open(KEY, block, AccountPan.of("0001-001-7654321")).isEmpty(),
        "a block made for one account opens as garbage for another");
  }

  @Test
  void checkValueIsTheIsoOne() {
    // 8 zero bytes under the key, first 3 bytes (the test key's well-known KCV).
    assertEquals("08D7B4", PinBlocks.checkValue(KEY));
    assertTrue(PinBlocks.checks(KEY, "08d7b4"));
  }
}
