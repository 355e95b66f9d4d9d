package com.kippu.atm.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class IssuerKeyTrustTest {
  private final FakeIssuer promoter = new FakeIssuer("tokyo-dome-promo");
  private final IssuerKeyTrust trust = new IssuerKeyTrust(promoter.rootKey());
  private final IssuerId id = new IssuerId("tokyo-dome-promo");

  private SignedDocument ticketBy(FakeIssuer issuer) {
    return issuer.signByIssuer(
        issuer.ticketInfo("T1", "KC-10001", "evt-1", "Dome", "2026-12-24T18:00+09:00"));
  }

  @Test
  void aCertificateSignedByTheRootMakesItsKeyTrusted() throws Exception {
    IssuerKeyTrust.CertifiedKey key = trust.accept(promoter.certificate());
    assertEquals(id, key.issuerId());
    assertEquals("tokyo-dome-promo#1", key.keyId());
    assertTrue(trust.verify(ticketBy(promoter), id));
  }

  @Test
  void aForgedKeyCertifiedByAnotherRootIsRefused() {
    FakeIssuer forger = promoter.forger();
    CenterException e =
        assertThrows(CenterException.class, () -> trust.accept(forger.certificate()));
    assertEquals(IssuerKeyTrust.UNTRUSTED_KEY, e.code());
    assertFalse(trust.verify(ticketBy(forger), id), "forger's ticket");
    assertTrue(trust.key(id).isEmpty());
  }

  @Test
  void aTicketSignedByAnotherCertifiedIssuerDoesNotPassAsThisIssuers() throws Exception {
    FakeIssuer other = promoter.sibling("rail-east");
    trust.accept(promoter.certificate());
    trust.accept(other.certificate());
    assertFalse(trust.verify(ticketBy(other), id));
  }

  @Test
  void withoutACertificateNothingVerifies() {
    assertFalse(trust.verify(ticketBy(promoter), id));
  }

  @Test
  void theInstalledRootKeyIsReadFromItsBase64Text() {
    assertEquals(promoter.rootKey(), IssuerKeyTrust.rootKey(promoter.rootKeyBase64()));
    assertThrows(IllegalArgumentException.class, () -> IssuerKeyTrust.rootKey("bm90IGEga2V5"));
  }
}
