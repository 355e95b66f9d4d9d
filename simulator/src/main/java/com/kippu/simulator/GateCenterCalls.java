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

  /** Registers {@code userId} with {@code pin}, links {@code cardId}, reports the card lost. */
  JsonNode reportLost(String userId, String pin, Branch.Customer c) throws Exception {
    post(
        "/v1/users",
        JSON.createObjectNode()
            .put("userId", userId)
            .put("name", c.name())
            .put("phone", "03-0000-0000")
            .put("address", "Tokyo")
            .put("pin", pin));
    post(
        "/v1/users/" + userId + "/cards",
        JSON.createObjectNode().put("pin", pin).put("cardId", c.cardId()));
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
