package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What the gate scenarios ask the center directly, as the branch's terminal: the issuer's record of
 * a ticket (verify without entering), and a registered user reporting a card lost (F9), which puts
 * the card on the signed revocation list.
 */
final class GateCenterCalls {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Branch branch;

  GateCenterCalls(Branch branch) {
    this.branch = branch;
  }

  /** The center's verdict for {@code ticket} on {@code cardId}, without recording an entry. */
  JsonNode ticketRecord(String ticket, String cardId) throws Exception {
    return post("/v1/tickets/" + ticket + "/verify", JSON.createObjectNode().put("cardId", cardId));
  }

  /**
   * Registers {@code userId} with {@code pin} as an operator's back office would (the development
   * center takes a clear PIN there; a terminal sends PIN blocks from its PIN pad).
   */
  JsonNode register(String userId, String pin) throws Exception {
    return post(
        "/v1/users",
        JSON.createObjectNode()
            .put("userId", userId)
            .put("name", "利用者 " + userId)
            .put("phone", "03-0000-0000")
            .put("address", "Tokyo")
            .put("pin", pin));
  }

  /**
   * Registers {@code userId} with {@code pin}, links {@code c}'s card (the card, in the branch's
   * reader, answers the center's challenge), reports the card lost.
   */
  JsonNode reportLost(String userId, String pin, Branch.Customer c) throws Exception {
    register(userId, pin);
    JsonNode challenge = post("/v1/cards/" + c.cardId() + "/challenge", JSON.createObjectNode());
    byte[] answer;
    branch.insertCard(c);
    try {
      answer =
          branch
              .plugin()
              .card()
              .authenticate(
                  java.util.Base64.getDecoder().decode(challenge.get("challenge").asText()));
    } finally {
      branch.removeCard();
    }
    ObjectNode link = JSON.createObjectNode().put("pin", pin).put("cardId", c.cardId());
    link.putObject("cardProof")
        .put("challengeId", challenge.get("challengeId").asText())
        .put("response", java.util.Base64.getEncoder().encodeToString(answer));
    post("/v1/users/" + userId + "/cards", link);
    return post(
        "/v1/users/" + userId + "/cards/" + c.cardId() + "/lost",
        JSON.createObjectNode().put("pin", pin).put("reason", "LOST"));
  }

  private JsonNode post(String path, ObjectNode body) throws Exception {
    CenterCalls.Answer a = new CenterCalls(branch).asTerminal(path, body);
    if (a.status() / 100 != 2 && !a.body().has("verdict")) {
      throw new IllegalStateException(
          "center answered " + a.status() + " for " + path + ": " + a.body());
    }
    return a.body();
  }
}
