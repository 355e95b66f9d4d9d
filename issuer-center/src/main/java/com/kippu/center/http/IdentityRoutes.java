package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.common.Answer;
import com.kippu.center.user.Identities;
import com.kippu.center.user.IdentityCheck;
import com.kippu.center.user.UserId;
import com.kippu.center.user.UserOutcome;
import java.util.Base64;
import java.util.Optional;

/**
 * Registrations' identity (S2 ¶35, ¶37, ¶39): {@code POST /v1/admin/users/{userId}/identity-check}
 * by an operator who saw the user's document in person (with the face photo taken at the counter,
 * if any), and {@code POST /v1/users/{userId}/photo} by the user at a terminal, with their PIN. The
 * recall answers both (identityChecked, facePhoto).
 */
public final class IdentityRoutes implements RouteGroup {
  private final Identities identities;
  private final UserPins pins;

  public IdentityRoutes(Identities identities, UserPins pins) {
    this.identities = identities;
    this.pins = pins;
  }

  @Override
  public void register(Router router, Guards guards) {
    router
        .add("POST", "/v1/admin/users/{}/identity-check", guards.admin(this::check))
        .add("POST", "/v1/users/{}/photo", guards.terminal(this::photo));
  }

  private static UserId userId(Request request) throws ApiException {
    return CenterApi.id(request.pathParam(0), UserId::new)
        .orElseThrow(() -> ApiException.invalid("userId", "is not a valid user id"));
  }

  private Response check(Request request) throws ApiException {
    JsonFields body = request.body();
    String document = body.text("document", 40);
    Optional<byte[]> photo = Optional.empty();
    if (body.has("facePhoto")) {
      try {
        photo = Optional.of(Base64.getDecoder().decode(body.text("facePhoto", 60_000)));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("facePhoto", "is not base64");
      }
    }
    Answer<UserOutcome, IdentityCheck> done =
        identities.check(userId(request), request.operator(), document, photo);
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    IdentityCheck c = done.value();
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("userId", c.userId().value());
    out.put("checkedBy", c.operator());
    out.put("document", c.document());
    out.put("checkedAt", c.checkedAt().toString());
    return Response.json(200, out);
  }

  private Response photo(Request request) throws ApiException {
    UserId user = userId(request);
    JsonFields body = request.body();
    byte[] png;
    try {
      png = Base64.getDecoder().decode(body.text("png", 60_000));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid("png", "is not base64");
    }
    Answer<UserOutcome, Integer> done =
        identities.storePhoto(request.terminalId(), user, pins.pin(request, body, user), png);
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("userId", user.value());
    out.put("bytes", done.value());
    return Response.json(200, out);
  }
}
