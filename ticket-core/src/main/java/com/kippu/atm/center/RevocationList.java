package com.kippu.atm.center;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The center's signed revocation list (S1 ¶79, S2 ¶40) as a gate holds it: lost or stolen cards and
 * voided tickets, with the version (it only grows) and when the center generated it. Only a list
 * the center's root key signed is ever built.
 */
public final class RevocationList {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final long version;
  private final Instant generatedAt;
  private final Map<String, String> cards;
  private final Map<String, String> tickets;
  private final SignedDocument signed;

  private RevocationList(
      long version,
      Instant generatedAt,
      Map<String, String> cards,
      Map<String, String> tickets,
      SignedDocument signed) {
    this.version = version;
    this.generatedAt = generatedAt;
    this.cards = Map.copyOf(cards);
    this.tickets = Map.copyOf(tickets);
    this.signed = signed;
  }

  /**
   * Verifies {@code signed} under the root key and reads it.
   *
   * @throws CenterException {@code BAD_SIGNATURE} when the root key did not sign it, {@code
   *     BAD_DOCUMENT} when it is not a revocation list
   */
  public static RevocationList verify(SignedDocument signed, IssuerKeyTrust trust)
      throws CenterException {
    if (!trust.verifyByRoot(signed)) {
      throw new CenterException(
          "BAD_SIGNATURE", "revocation list is not signed by the installed center root key");
    }
    try {
      JsonNode p = JSON.readTree(signed.payload());
      Map<String, String> cards = new HashMap<>();
      Map<String, String> tickets = new HashMap<>();
      for (JsonNode e : p.get("entries")) {
        String kind = e.get("kind").asText();
        String why = e.path("reason").asText("");
        switch (kind) {
          case "CARD" -> cards.put(e.get("subject").asText(), why);
          case "TICKET" -> tickets.put(e.get("subject").asText(), why);
          default -> throw new IllegalArgumentException("unknown revocation kind " + kind);
        }
      }
      return new RevocationList(
          p.get("version").asLong(),
          Instant.parse(p.get("generatedAt").asText()),
          cards,
          tickets,
          signed);
    } catch (IOException | RuntimeException e) {
      throw new CenterException("BAD_DOCUMENT", "revocation list is malformed: " + e, e);
    }
  }

  public long version() {
    return version;
  }

  public Instant generatedAt() {
    return generatedAt;
  }

  /** How old the list is at {@code now}. */
  public Duration age(Instant now) {
    return Duration.between(generatedAt, now);
  }

  /** The reason the card was revoked (lost, stolen), if it was. */
  public Optional<String> cardRevoked(String cardId) {
    return Optional.ofNullable(cards.get(cardId));
  }

  /** The reason the ticket was voided, if it was. */
  public Optional<String> ticketVoided(String ticketNumber) {
    return Optional.ofNullable(tickets.get(ticketNumber));
  }

  /** The list as the center signed it, for keeping. */
  public SignedDocument signed() {
    return signed;
  }
}
