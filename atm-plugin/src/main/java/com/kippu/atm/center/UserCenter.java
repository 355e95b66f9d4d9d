package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import com.kippu.atm.payment.WorkingKey;
import java.time.Instant;
import java.util.Optional;

/**
 * The issuer center's registered-user side (F9, F12; S2 ¶35-40) as the flows see it. PINs go only
 * as blocks from the PIN pad; a card is linked, or receives a lost card's contents, only with its
 * own answer to a challenge. Every ticket returned has had its issuer signature verified.
 */
public interface UserCenter {

  /** A fresh PIN key for this terminal's PIN pad, encrypted under its center master key. */
  WorkingKey pinKey() throws CenterException;

  /** A one-time challenge for {@code card}, to be answered by the card in this terminal. */
  CardChallenge challenge(CardId card) throws CenterException;

  /** Registers a user with attributes and a PIN; refused when the user id is taken. */
  RegisteredUser register(RegisteredUser user, UserPin pin) throws CenterException;

  /** The user's attributes, cards and earlier purchases (S2 ¶36). */
  UserRecall recall(UserId user, UserPin pin) throws CenterException;

  /**
   * Sets the user's home PC password and stores the card number they pay with at home (F13, S2
   * ¶46), the user proving who they are with their PIN; returns the stored card, masked.
   */
  String setUpHome(UserId user, UserPin pin, char[] password, String cardNumber, String expiry)
      throws CenterException;

  /** Links the card in the terminal to the user. */
  void link(UserId user, UserPin pin, CardId card, CardProof proof) throws CenterException;

  /**
   * Links the card in the terminal to the user who signed in on this terminal, by the center's
   * grant of that sign-in ({@link UserRecall#signInGrant}) in place of the PIN.
   */
  void linkSignedIn(UserId user, String signInGrant, CardId card, CardProof proof)
      throws CenterException;

  /** Invalidates the card at the center, and through it at its issuers (S2 ¶38); idempotent. */
  Instant reportLost(UserId user, UserPin pin, CardId card, String reason) throws CenterException;

  /**
   * Reissues a lost card's contents onto the card in the terminal; a repeat onto the same card may
   * leave the PIN out (recovery never has it) and gets the same tickets.
   */
  CardReissue reissue(
      UserId user, Optional<UserPin> pin, CardId lost, CardId newCard, CardProof proof)
      throws CenterException;

  /** The center's current revocation list, signed by its root key and verified. */
  RevocationList revocations() throws CenterException;
}
