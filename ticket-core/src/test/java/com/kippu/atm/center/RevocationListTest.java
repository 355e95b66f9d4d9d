package com.kippu.atm.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RevocationListTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final FakeIssuer center = new FakeIssuer("tokyo-dome-promo");
  private final IssuerKeyTrust trust = new IssuerKeyTrust(center.rootKey());

  static ObjectNode list(long version, String generatedAt) {
    ObjectNode p = JSON.createObjectNode().put("version", version).put("generatedAt", generatedAt);
    var entries = p.putArray("entries");
    entries
        .addObject()
        .put("sequence", 1)
        .put("kind", "CARD")
        .put("subject", "KC-10002")
        .put("reason", "LOST")
        .put("revokedAt", generatedAt);
    entries
        .addObject()
        .put("sequence", 2)
        .put("kind", "TICKET")
        .put("subject", "T9")
        .put("reason", "VOIDED_REPRINT")
        .put("revokedAt", generatedAt);
    return p;
  }

  @Test
  void aListSignedByTheRootNamesRevokedCardsAndVoidedTickets() throws Exception {
    RevocationList l =
        RevocationList.verify(center.signByRoot(list(2, "2026-12-24T08:00:00Z")), trust);

    assertEquals(2, l.version());
    assertEquals(Optional.of("LOST"), l.cardRevoked("KC-10002"));
    assertEquals(Optional.of("VOIDED_REPRINT"), l.ticketVoided("T9"));
    assertTrue(l.cardRevoked("KC-10001").isEmpty());
    assertEquals(Duration.ofHours(1), l.age(Instant.parse("2026-12-24T09:00:00Z")));
  }

  @Test
  void aListSignedByAnyOtherKeyIsRefused() {
    CenterException e =
        assertThrows(
            CenterException.class,
            () ->
                RevocationList.verify(
                    center.forger().signByRoot(list(9, "2026-12-24T08:00:00Z")), trust));
    assertEquals("BAD_SIGNATURE", e.code());
  }
}
