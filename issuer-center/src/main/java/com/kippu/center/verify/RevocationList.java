package com.kippu.center.verify;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.signing.SignedDocument;
import java.time.Clock;
import java.util.List;

/**
 * The revocation list gates download for offline checks (S1 ¶79, S2 ¶40), signed by the center.
 * Payload: {@code version} (the highest revocation sequence; it only grows), {@code generatedAt},
 * {@code entries [{sequence, kind TICKET|CARD, subject, reason, revokedAt}]}. A gate keeps the list
 * with the highest version it has verified.
 */
public final class RevocationList {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final RevocationRepository revocations;
  private final CenterKeys keys;
  private final Clock clock;

  public RevocationList(RevocationRepository revocations, CenterKeys keys, Clock clock) {
    this.revocations = revocations;
    this.keys = keys;
    this.clock = clock;
  }

  /** The current list, signed; {@code version} is returned beside it for quick comparison. */
  public Signed current() {
    List<RevocationEntry> entries = revocations.all();
    long version = entries.isEmpty() ? 0 : entries.get(entries.size() - 1).sequence();
    ObjectNode p = JSON.createObjectNode();
    p.put("version", version);
    p.put("generatedAt", clock.instant().toString());
    ArrayNode list = p.putArray("entries");
    for (RevocationEntry e : entries) {
      list.addObject()
          .put("sequence", e.sequence())
          .put("kind", e.kind().name())
          .put("subject", e.subject())
          .put("reason", e.reason())
          .put("revokedAt", e.at().toString());
    }
    try {
      return new Signed(version, keys.signingKey().sign(JSON.writeValueAsBytes(p)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("cannot encode revocation list", e);
    }
  }

  /** A signed list and its version. */
  public record Signed(long version, SignedDocument document) {}
}
