package com.kippu.atm.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class TicketCodeTest {
  private final FakeIssuer issuer = new FakeIssuer("tokyo-dome-promo");

  @Test
  void aSignedTicketRoundTripsThroughItsCodeText() throws Exception {
    SignedDocument ticket =
        issuer.signByIssuer(
            issuer.ticketInfo("T1", "KC-10001", "evt-1", "Dome", "2026-12-24T18:00+09:00"));

    String text = TicketCode.encode(ticket);

    assertTrue(text.startsWith(TicketCode.PREFIX));
    assertEquals(ticket, TicketCode.decode(text));
  }

  @Test
  void aDamagedCodeIsAClearError() {
    CenterException e =
        assertThrows(
            CenterException.class,
            () -> TicketCode.decode("KIPPU-T1.Ed25519.not-base64!.AAAA.key#1"));
    assertEquals("BAD_DOCUMENT", e.code());
    assertThrows(CenterException.class, () -> TicketCode.decode("https://example.com"));
    assertThrows(CenterException.class, () -> TicketCode.decode("KIPPU-T1.Ed25519.AAAA"));
  }

  @Test
  void aCodeThatInflatesBeyondAnyTicketIsRefused() {
    SignedDocument bomb =
        new SignedDocument(new byte[200_000], new byte[64], "tokyo-dome-promo#1", "Ed25519");

    CenterException e =
        assertThrows(CenterException.class, () -> TicketCode.decode(TicketCode.encode(bomb)));
    assertTrue(e.getMessage().contains("larger than"), e.getMessage());
  }
}
