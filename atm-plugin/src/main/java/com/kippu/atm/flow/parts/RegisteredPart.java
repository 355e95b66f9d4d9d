package com.kippu.atm.flow.parts;

import com.kippu.atm.center.RegisteredUser;
import com.kippu.atm.center.UserId;
import com.kippu.atm.center.UserPin;
import com.kippu.atm.flow.Fact;
import java.util.Map;
import java.util.Optional;

/**
 * A registered user signed in to a kiosk purchase (F12, S2 ¶36-37, ¶40): the user id, journaled;
 * the PIN block and the registered attributes that fill the forms, in memory only (never journaled:
 * recovery needs neither); and whether the card issued was recorded under the user at the center
 * with the user id and card id written into it.
 */
public final class RegisteredPart {
  public static final Fact<String> USER = Fact.text("kiosk.user");
  public static final Fact<Boolean> CARD_RECORDED = Fact.flag("kiosk.cardRecorded");

  private String userId;
  private UserPin pin;
  private RegisteredUser profile;
  private boolean cardRecorded;

  public void signedIn(UserPin pin, RegisteredUser profile) {
    this.userId = profile.userId().value();
    this.pin = pin;
    this.profile = profile;
  }

  public Optional<UserId> user() {
    return Optional.ofNullable(userId).map(UserId::new);
  }

  public Optional<UserPin> pin() {
    return Optional.ofNullable(pin);
  }

  /** The registered attributes, while the session runs (not after a restart). */
  public Optional<RegisteredUser> profile() {
    return Optional.ofNullable(profile);
  }

  public void cardRecorded() {
    this.cardRecorded = true;
  }

  public boolean isCardRecorded() {
    return cardRecorded;
  }

  void writeTo(Map<String, String> facts) {
    USER.put(facts, userId);
    if (cardRecorded) {
      CARD_RECORDED.put(facts, true);
    }
  }

  static RegisteredPart from(Map<String, String> facts) {
    RegisteredPart part = new RegisteredPart();
    part.userId = USER.in(facts).orElse(null);
    part.cardRecorded = CARD_RECORDED.in(facts).orElse(false);
    return part;
  }
}
