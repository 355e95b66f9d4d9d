package com.kippu.devices;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CardApduTest {

  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  @Test
  void shortAndExtendedEncodingsRoundTrip() {
    assertEquals("00B0810000", HEX.formatHex(CardApdu.readBinary(1, 0, 256).encode()));
    assertEquals("00B20114000000", HEX.formatHex(CardApdu.readRecord(2, 1).encode()));
    assertEquals(
        "00E2001003414243", HEX.formatHex(CardApdu.appendRecord(2, "ABC".getBytes()).encode()));
    for (CardApdu.Command c :
        new CardApdu.Command[] {
          new CardApdu.Command(0, 0xCA, 1, 1, null, 0),
          CardApdu.readBinary(1, 3, 17),
          CardApdu.readRecord(2, 5),
          CardApdu.appendRecord(2, new byte[300]),
          new CardApdu.Command(0, 0xE2, 0, 0x10, new byte[7], 9),
          new CardApdu.Command(0, 0xE2, 0, 0x10, new byte[400], 65536),
        }) {
      CardApdu.Command back = CardApdu.Command.decode(c.encode());
      assertEquals(c.ins(), back.ins());
      assertEquals(c.p1(), back.p1());
      assertEquals(c.p2(), back.p2());
      assertEquals(c.ne(), back.ne());
      assertArrayEquals(c.data(), back.data());
    }
    assertThrows(
        IllegalArgumentException.class,
        () -> CardApdu.Command.decode(new byte[] {0, 0xE2 - 256, 0, 0x10, 5, 1}));
  }

  @Test
  void chipAreaRoundTrips() {
    ChipData chip = new ChipData("KC-9", "Taro", "0001-001-7654321", 0);
    byte[] area = CardApdu.encodeChipArea(chip, "K1");
    assertEquals(chip, CardApdu.decodeChipArea(area));
    assertEquals("K1", CardApdu.keyReference(area));
  }
}
