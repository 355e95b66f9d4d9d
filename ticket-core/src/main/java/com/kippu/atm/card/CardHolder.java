package com.kippu.atm.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A HOLDER record's content (S2 ¶37, ¶40): the registered user id and the card id written into the
 * card, so a found card names its holder's registration and a card issued to a registered user can
 * be invalidated and reissued at once; on a reissued card, the lost card it replaces.
 */
public record CardHolder(
    String userId, String cardId, Optional<String> reissueOf, Instant writtenAt) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public CardHolder {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(cardId, "cardId");
    Objects.requireNonNull(reissueOf, "reissueOf");
    Objects.requireNonNull(writtenAt, "writtenAt");
  }

  public byte[] encode() {
    ObjectNode n =
        JSON.createObjectNode()
            .put("userId", userId)
            .put("cardId", cardId)
            .put("writtenAt", writtenAt.toString());
    reissueOf.ifPresent(r -> n.put("reissueOf", r));
    try {
      return JSON.writeValueAsBytes(n);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode holder record", e);
    }
  }

  public static CardHolder decode(byte[] content) throws CardException {
    try {
      JsonNode n = JSON.readTree(content);
      JsonNode reissue = n.get("reissueOf");
      return new CardHolder(
          n.get("userId").asText(),
          n.get("cardId").asText(),
          reissue == null || reissue.isNull() ? Optional.empty() : Optional.of(reissue.asText()),
          Instant.parse(n.get("writtenAt").asText()));
    } catch (IOException | RuntimeException e) {
      throw new CardException("holder record is unreadable", e);
    }
  }
}
