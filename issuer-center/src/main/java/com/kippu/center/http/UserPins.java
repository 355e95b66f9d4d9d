package com.kippu.center.http;

import com.kippu.center.common.Answer;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.terminal.CenterPinKeys;
import com.kippu.center.user.Pin;
import com.kippu.center.user.UserId;
import com.kippu.center.user.UserOutcome;
import com.kippu.center.user.UserPan;
import com.kippu.center.user.UserService;
import java.util.Optional;

/**
 * A registered user's PIN as a request carries it: a PIN block from the terminal's PIN pad, opened
 * under the terminal's center PIN key (an unreadable block counts towards the terminal's throttle
 * like a wrong PIN), or a clear PIN only over TLS (or in development mode). One rule for every
 * route a PIN opens.
 */
public final class UserPins {
  private final CenterPinKeys pinKeys;
  private final UserService users;
  private final boolean clearPinsOverHttp;

  /**
   * @param clearPinsOverHttp whether a clear {@code pin} is taken on a plain-HTTP link (development
   *     mode only)
   */
  public UserPins(CenterPinKeys pinKeys, UserService users, boolean clearPinsOverHttp) {
    this.pinKeys = pinKeys;
    this.users = users;
    this.clearPinsOverHttp = clearPinsOverHttp;
  }

  /**
   * A secret other than a PIN (a home PC password, a card number to store) travels in clear only
   * where a clear PIN may: over TLS, or in development mode.
   */
  void requireSecretChannel(Request request, String field) throws ApiException {
    if (!clearPinsOverHttp && !request.secure()) {
      throw new ApiException(
          403, "TLS_REQUIRED", "a password or card number travels only over TLS", field);
    }
  }

  Pin pin(Request request, JsonFields body, UserId user) throws ApiException {
    return optional(request, body, user).orElseThrow(() -> ApiException.missing("pinBlock"));
  }

  /**
   * The user's PIN: {@code pinBlock {block, keyCheckValue}} as the terminal's PIN pad made it, or a
   * clear {@code pin} where one may travel (TLS, or development mode); empty when neither.
   */
  Optional<Pin> optional(Request request, JsonFields body, UserId user) throws ApiException {
    return optional(request, body, UserPan.of(user));
  }

  /**
   * A PIN whose block was formed for account number {@code pan} rather than a user's (an
   * online-banking PIN, for the paying account's {@code AccountPan}), under the same rule: {@code
   * pinBlock} inside {@code body}, or a clear {@code pin} where one may travel; empty when neither.
   */
  Optional<Pin> optional(Request request, JsonFields body, String pan) throws ApiException {
    if (body.has("pinBlock")) {
      JsonFields b = body.object("pinBlock");
      TerminalId terminal = request.terminalId();
      CenterPinKeys.Result opened =
          pinKeys.open(terminal, pan, b.text("block", 16), b.text("keyCheckValue", 6));
      if (opened.pin().isPresent()) {
        return opened.pin();
      }
      switch (opened.refusal().orElseThrow()) {
        case NO_MASTER_KEY ->
            throw new ApiException(
                409,
                "NO_PIN_KEY",
                "terminal " + terminal + " has no center PIN key",
                body.pathOf("pinBlock"));
        case STALE_PIN_KEY ->
            throw new ApiException(
                409,
                "STALE_PIN_KEY",
                "the PIN block was made under another key than the terminal's current PIN key",
                b.pathOf("keyCheckValue"));
        case BAD_PIN_BLOCK -> {
          Answer<UserOutcome, UserId> counted = users.unreadablePin(terminal);
          throw new ApiException(
              OutcomeStatus.of(counted.outcome()),
              counted.outcome().name(),
              counted.message(),
              body.pathOf("pinBlock"));
        }
        default -> throw new IllegalStateException("unknown PIN block refusal");
      }
    }
    if (!body.has("pin")) {
      return Optional.empty();
    }
    if (!clearPinsOverHttp && !request.secure()) {
      throw new ApiException(
          400,
          "PIN_IN_CLEAR",
          "a PIN travels only as a PIN block from the PIN pad, or over TLS",
          body.pathOf("pin"));
    }
    try {
      return Optional.of(new Pin(body.text("pin")));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(body.pathOf("pin"), "must be 4 to 12 digits");
    }
  }
}
