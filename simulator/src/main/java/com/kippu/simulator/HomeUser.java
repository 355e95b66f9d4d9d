package com.kippu.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.payment.AuthorizationRequest;
import java.util.Optional;

/** The home PC branch's registered user (F13), as a branch terminal registers her. */
public final class HomeUser {
  private HomeUser() {}

  /**
   * At a branch terminal, Hanako registers (user id, PIN) and sets her home password and the credit
   * card to pay with at home (S2 ¶46), authenticated by her PIN; a user already registered is left
   * as they are. Returns the stored card, masked, or empty when already registered.
   */
  public static Optional<String> register(Branch branch) throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    BranchCards.PaymentCard credit = BranchCards.of(hanako, AuthorizationRequest.Kind.CREDIT);
    CenterCalls center = new CenterCalls(branch);
    String pin = Branch.HOME_USER_PIN;
    CenterCalls.Answer user =
        center.asTerminal(
            "/v1/users",
            CenterCalls.JSON
                .createObjectNode()
                .put("userId", Branch.HOME_USER)
                .put("name", hanako.name())
                .put("phone", "03-1234-5678")
                .put("address", "Chiyoda, Tokyo")
                .put("pin", pin));
    if ("USER_EXISTS".equals(user.error())) {
      return Optional.empty();
    }
    CenterCalls.expect(user, "register " + Branch.HOME_USER);
    ObjectNode access =
        CenterCalls.JSON.createObjectNode().put("pin", pin).put("password", Branch.HOME_PASSWORD);
    access.putObject("card").put("number", credit.number().value()).put("expiry", "3012");
    CenterCalls.Answer stored =
        center.asTerminal("/v1/users/" + Branch.HOME_USER + "/home-access", access);
    CenterCalls.expect(stored, "set home access");
    return Optional.of(stored.body().path("maskedCard").asText());
  }
}
