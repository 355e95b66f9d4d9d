package com.kippu.atm.flow.pay;

import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.PrepaidCardState;
import java.util.Optional;

/**
 * Asks the issuer, before a card's own value is spent, whether the card is a pre-valued prepaid
 * card never activated (S2 ¶42-43: "the identification code is sent to the issuer and only an
 * issued card is allowed"): such a card is worthless and its purse pays for nothing.
 */
@FunctionalInterface
public interface ActivationCheck {

  /** What the issuer says about a card about to pay with its own value. */
  enum Standing {
    /** Not a prepaid card, or one its issuer activated. */
    USABLE,
    /** A pre-valued card never activated: refused. */
    NOT_ACTIVATED,
    /** The card is on the center's revocation list (lost, stolen): refused. */
    REVOKED,
    /** The issuer could not be asked, or no recent revocation list is at hand: refused for now. */
    UNKNOWN
  }

  Standing of(CardId card);

  /** No check: for terminals and tests without an issuer to ask. */
  ActivationCheck NONE = card -> Standing.USABLE;

  /**
   * This check, and then the card's standing on the revocation list: a purse pays only from a card
   * the list clears, never while the list cannot tell ({@link CardRevocations}).
   */
  default ActivationCheck andNotRevoked(CardRevocations revocations) {
    return card -> {
      Standing standing = of(card);
      if (standing != Standing.USABLE) {
        return standing;
      }
      return switch (revocations.check(card).standing()) {
        case CLEAR -> Standing.USABLE;
        case REVOKED -> Standing.REVOKED;
        case UNKNOWN -> Standing.UNKNOWN;
      };
    };
  }

  /** The check through the center's record of prepaid cards. */
  static ActivationCheck through(IssuerCenter center) {
    return card -> {
      try {
        Optional<PrepaidCardState> prepaid = center.prepaidCard(card);
        return prepaid.isEmpty() || prepaid.get().active()
            ? Standing.USABLE
            : Standing.NOT_ACTIVATED;
      } catch (CenterException e) {
        return Standing.UNKNOWN;
      }
    };
  }
}
