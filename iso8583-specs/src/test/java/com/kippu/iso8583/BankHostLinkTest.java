package com.kippu.iso8583;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.junit.jupiter.api.Test;

class BankHostLinkTest {
  private final ISOPackager packager = BankHostLink.packager();

  @Test
  void packagerIsFreshPerCall() {
    assertNotSame(BankHostLink.packager(), BankHostLink.packager());
  }

  @Test
  void accountTransferPacksToGoldenImage() throws Exception {
    assertArrayEquals(golden("0200-account-transfer.hex"), pack(GoldenMessages.accountTransfer()));
  }

  @Test
  void echoTestPacksToGoldenImage() throws Exception {
    assertArrayEquals(golden("0800-echo-test.hex"), pack(GoldenMessages.echoTest()));
  }

  @Test
  void accountTransferGoldenImageUnpacksToSameFields() throws Exception {
    assertSameFields(GoldenMessages.accountTransfer(), unpack(golden("0200-account-transfer.hex")));
  }

  @Test
  void echoTestGoldenImageUnpacksToSameFields() throws Exception {
    assertSameFields(GoldenMessages.echoTest(), unpack(golden("0800-echo-test.hex")));
  }

  @Test
  void fieldOutsideTheDialectIsRejected() throws Exception {
    ISOMsg m = GoldenMessages.echoTest();
    m.set(48, "not part of this link");
    assertThrows(ISOException.class, () -> pack(m));
  }

  @Test
  void responseCodeLookupRejectsUnknownCodes() {
    assertEquals(ResponseCode.INSUFFICIENT_FUNDS, ResponseCode.of("51"));
    assertEquals("94", ResponseCode.DUPLICATE_TRANSMISSION.code());
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> ResponseCode.of("N7"));
    assertTrue(e.getMessage().contains("'N7'"), e.getMessage());
    assertTrue(ResponseCode.find("99").isEmpty());
  }

  private byte[] pack(ISOMsg m) throws ISOException {
    m.setPackager(packager);
    return m.pack();
  }

  private ISOMsg unpack(byte[] image) throws ISOException {
    ISOMsg m = new ISOMsg();
    m.setPackager(packager);
    m.unpack(image);
    return m;
  }

  private static void assertSameFields(ISOMsg expected, ISOMsg actual) {
    for (int i = 0; i <= 128; i++) {
      if (i == 1) {
        continue; // the bitmap is derived, not set by the test
      }
      assertEquals(expected.getString(i), actual.getString(i), "field " + i);
    }
  }

  /** Golden images are hex text so a byte-level diff stays readable in review. */
  private static byte[] golden(String name) throws IOException {
    try (InputStream in = BankHostLinkTest.class.getResourceAsStream("golden/" + name)) {
      if (in == null) {
        throw new IOException("golden image missing: " + name);
      }
      String hex = new String(in.readAllBytes(), StandardCharsets.US_ASCII).replaceAll("\\s", "");
      return HexFormat.of().parseHex(hex);
    }
  }
}
