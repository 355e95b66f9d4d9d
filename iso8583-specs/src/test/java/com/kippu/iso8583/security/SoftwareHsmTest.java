package com.kippu.iso8583.security;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class SoftwareHsmTest {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();
  private final SoftwareHsm hsm = SoftwareHsm.withLmk(new byte[16], new SecureRandom());
  private final SoftwareHsm other =
      SoftwareHsm.withLmk(HEX.parseHex("00112233445566778899AABBCCDDEEFF"), new SecureRandom());

  @Test
  void retailMacMatchesTheAnsiX919Example() {
    StoredKey tak = hsm.importClear(KeyType.TAK, HEX.parseHex("0123456789ABCDEFFEDCBA9876543210"));
    assertEquals("08D7B4", tak.checkValue());
    byte[] mac = hsm.mac(tak, "Now is the time for all ".getBytes(StandardCharsets.US_ASCII));
    assertEquals("A1C72E74EA3FA9B6", HEX.formatHex(mac));
  }

  @Test
  void macsAndTokensFromManyThreadsAtOnceMatchTheSingleThreadedOnes() throws Exception {
    StoredKey tak = hsm.generate(KeyType.TAK);
    StoredKey tmk = hsm.generate(KeyType.TMK);
    byte[][] data = new byte[64][];
    byte[][] macs = new byte[64][];
    byte[][] exchangeMacs = new byte[64][];
    String[] tokens = new String[64];
    for (int i = 0; i < data.length; i++) {
      data[i] = ("message " + i + " " + "x".repeat(i * 3)).getBytes(StandardCharsets.US_ASCII);
      macs[i] = hsm.mac(tak, data[i]);
      exchangeMacs[i] = hsm.keyExchangeMac(tmk, data[i]);
      tokens[i] = hsm.token("account", "0001-001-" + i);
    }
    assertFalse(java.util.Arrays.equals(macs[0], hsm.mac(hsm.generate(KeyType.TAK), data[0])));
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        results.add(
            pool.submit(
                () -> {
                  boolean same = true;
                  for (int round = 0; round < 200; round++) {
                    for (int i = 0; i < data.length; i++) {
                      same &= java.util.Arrays.equals(macs[i], hsm.mac(tak, data[i]));
                      same &=
                          java.util.Arrays.equals(
                              exchangeMacs[i], hsm.keyExchangeMac(tmk, data[i]));
                      same &= tokens[i].equals(hsm.token("account", "0001-001-" + i));
                    }
                  }
                  return same;
                }));
      }
      for (Future<Boolean> r : results) {
        assertTrue(r.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void macOverPartOfAnArrayIsTheMacOfThatPart() {
    StoredKey tak = hsm.generate(KeyType.TAK);
    byte[] data = "..Now is the time for all !!".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(
        hsm.mac(tak, java.util.Arrays.copyOfRange(data, 2, 26)), hsm.mac(tak, data, 2, 24));
  }

  @Test
  void format0BlockMatchesIso9564Example() {
    assertEquals(
        "041225EEEEEEEEEE",
        HEX.formatHex(Iso9564.format0("1234".toCharArray(), "4111111111111111")));
  }

  @Test
  void keysTravelUnderTheTmkAndKeepTheirCheckValue() {
    byte[] clearTmk = HEX.parseHex("0123456789ABCDEFFEDCBA9876543210");
    StoredKey hostTmk = hsm.importClear(KeyType.TMK, clearTmk);
    StoredKey terminalTmk = other.importClear(KeyType.TMK, clearTmk);
    StoredKey tak = hsm.generate(KeyType.TAK);
    byte[] wire = hsm.exportUnderTmk(tak, hostTmk);
    StoredKey imported = other.importUnderTmk(KeyType.TAK, wire, terminalTmk, tak.checkValue());
    assertEquals(tak.checkValue(), imported.checkValue());
    byte[] data = "message".getBytes(StandardCharsets.US_ASCII);
    assertArrayEquals(hsm.mac(tak, data), other.mac(imported, data));
    assertThrows(
        SecurityModuleException.class,
        () -> other.importUnderTmk(KeyType.TAK, wire, terminalTmk, "000000"));
  }

  @Test
  void keysCannotBeUsedAsAnotherType() {
    StoredKey tpk = hsm.generate(KeyType.TPK);
    assertThrows(SecurityModuleException.class, () -> hsm.mac(tpk, new byte[8]));
    assertThrows(SecurityModuleException.class, () -> hsm.exportUnderTmk(tpk, tpk));
  }

  @Test
  void pinVerifiesOnlyWithTheRightPinKeyAndCard() {
    String pan = "4980000000001234";
    StoredKey tpk = hsm.generate(KeyType.TPK);
    byte[] salt = hsm.newSalt();
    byte[] pvv = hsm.pinVerificationValue(pan, "739164".toCharArray(), salt);
    byte[] right = hsm.encryptPinBlock(tpk, Iso9564.format0("739164".toCharArray(), pan));
    byte[] wrong = hsm.encryptPinBlock(tpk, Iso9564.format0("739165".toCharArray(), pan));
    assertEquals(PinCheck.MATCH, hsm.verifyPin(tpk, right, pan, salt, pvv));
    assertEquals(PinCheck.MISMATCH, hsm.verifyPin(tpk, wrong, pan, salt, pvv));
    assertEquals(
        PinCheck.MALFORMED, hsm.verifyPin(hsm.generate(KeyType.TPK), right, pan, salt, pvv));
    assertEquals(PinCheck.MALFORMED, hsm.verifyPin(tpk, new byte[3], pan, salt, pvv));
  }

  @Test
  void tokensAreStableAndKeyed() {
    String account = "0001-001-1234567";
    assertEquals(hsm.token("account", account), hsm.token("account", account));
    assertFalse(hsm.token("account", account).equals(other.token("account", account)));
    assertEquals(64, hsm.token("pan", "1").length());
  }
}
