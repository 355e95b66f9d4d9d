package com.kippu.atm.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.Objects;

/**
 * A USED_MARK record's content: a gate admitted the ticket (S1 ¶79). Written once to the card's
 * write-once area, so a second entry is refused at any gate that reads the card, online or not.
 */
public record UsedMark(String ticketNumber, String gateId, Instant usedAt) {
  private static final ObjectMapper JSON = new ObjectMapper();

  public UsedMark {
    Objects.requireNonNull(ticketNumber, "ticketNumber");
    Objects.requireNonNull(gateId, "gateId");
    Objects.requireNonNull(usedAt, "usedAt");
  }

  public byte[] encode() {
    try {
      return JSON.writeValueAsBytes(
          JSON.createObjectNode()
              .put("ticketNumber", ticketNumber)
              .put("gateId", gateId)
              .put("usedAt", usedAt.toString()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode used mark", e);
    }
  }

  public static UsedMark decode(byte[] content) throws CardException {
    try {
      JsonNode n = JSON.readTree(content);
      return new UsedMark(
          n.get("ticketNumber").asText(),
          n.get("gateId").asText(),
          Instant.parse(n.get("usedAt").asText()));
    } catch (IOException | RuntimeException e) {
      throw new CardException("used mark record is unreadable", e);
    }
  }
}
