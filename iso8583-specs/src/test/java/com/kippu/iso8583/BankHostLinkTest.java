package com.kippu.iso8583;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.iso8583.spec.Specs;
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
  void fieldOutsideTheDialectIsRejected() throws Exception {
    ISOMsg m = GoldenMessages.request(Specs.byId(Link.BANK_HOST, "0800-network-management"));
    m.set(60, "not part of this link");
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
}
