package com.kippu.atm.flow.parts;

import com.kippu.atm.center.RegisteredUser;
import com.kippu.atm.center.UserId;
import com.kippu.atm.center.UserPin;
import com.kippu.atm.center.UserRecall;
import com.kippu.atm.flow.Fact;
import java.util.Map;
import java.util.Optional;

/**
 * A registered user signed in to a kiosk purchase (F12, S2 ¶36-37, ¶40): the user id and the
 * center's grant of the sign-in, journaled (the grant, bound to this terminal and useless without
 * the card's own answer, lets recovery record the card under the user); the PIN block and the
 * registered attributes that fill the forms, in memory only (never journaled); and whether the card
 * issued was recorded under the user at the center with the user id and card id written into it.
 */
public final class RegisteredPart {
  public static final Fact<String> USER = Fact.text("kiosk.user");
  public static final Fact<Boolean> CARD_RECORDED = Fact.flag("kiosk.cardRecorded");
  public static final Fact<String> SIGN_IN = Fact.text("kiosk.signIn");

  private String userId;
  private String signIn;
  private UserPin pin;
  private RegisteredUser profile;
  private boolean cardRecorded;
  private boolean identityChecked;
  private byte[] facePhoto;

  public void signedIn(UserPin pin, UserRecall recall) {
    this.userId = recall.profile().userId().value();
    this.pin = pin;
    this.signIn = recall.signInGrant().orElse(null);
    this.profile = recall.profile();
    this.identityChecked = recall.identityChecked();
    this.facePhoto = recall.facePhoto().orElse(null);
  }

  /** An operator checked the registration (S2 ¶35): the cards that need it may be issued. */
  public boolean identityChecked() {
    return identityChecked;
  }

  /** The registered face photo (S2 ¶39), in memory only. */
  public Optional<byte[]> facePhoto() {
    return Optional.ofNullable(facePhoto).map(byte[]::clone);
  }

  /**
   * Whether a card made out to {@code holderName} is in this user's registered name (S2 ¶37, ¶39):
   * only such a card carries the face photo and is sold as the registered user's.
   */
  public boolean isRegisteredName(String holderName) {
    return profile != null && pin != null && profile.name().equals(holderName);
  }

  public Optional<UserId> user() {
    return Optional.ofNullable(userId).map(UserId::new);
  }

  public Optional<UserPin> pin() {
    return Optional.ofNullable(pin);
  }

  /** The center's grant of the sign-in, which links the card in place of the PIN. */
  public Optional<String> signIn() {
    return Optional.ofNullable(signIn);
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
    SIGN_IN.put(facts, signIn);
    if (cardRecorded) {
      CARD_RECORDED.put(facts, true);
    }
  }

  static RegisteredPart from(Map<String, String> facts) {
    RegisteredPart part = new RegisteredPart();
    part.userId = USER.in(facts).orElse(null);
    part.signIn = SIGN_IN.in(facts).orElse(null);
    part.cardRecorded = CARD_RECORDED.in(facts).orElse(false);
    return part;
  }
}
