package com.kippu.center.card;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.reservation.CardId;

/**
 * Port to an issuer's local server (S2 ¶38, ¶40-42), the authority on the cards it has invalidated
 * and on the pre-valued cards it issued: asked before the center sells, issues or activates
 * anything of that issuer onto a card, and before a pre-valued card's value is used or added to.
 */
public interface IssuerCardStatus {

  /** What the issuer says of a card. */
  enum Status {
    /** Not a pre-valued card of this issuer, and not invalidated by it. */
    VALID,
    /** A pre-valued card the issuer stocked and never activated: worthless (F10). */
    NOT_ACTIVATED,
    /** A pre-valued card the issuer activated after its payment. */
    ACTIVE,
    INVALIDATED,
    /** Asked to activate a card it did not issue. */
    UNKNOWN,
    /** The issuer has no local server: the center's own records are all there is. */
    NO_SERVER,
    /** The issuer has a local server, and it did not answer in time or answered nonsense. */
    NO_ANSWER
  }

  IssuerCardStatus NONE =
      new IssuerCardStatus() {
        @Override
        public Status status(IssuerId issuer, CardId card) {
          return Status.NO_SERVER;
        }

        @Override
        public Status activate(IssuerId issuer, CardId card) {
          return Status.NO_SERVER;
        }
      };

  /** Never throws for a network or receiver failure: answers {@link Status#NO_ANSWER}. */
  Status status(IssuerId issuer, CardId card);

  /**
   * Asks the issuer to activate its pre-valued {@code card} after its payment; {@link
   * Status#ACTIVE} when it did (again, for a card it had activated already), otherwise what it says
   * of the card. Never throws for a network or receiver failure.
   */
  Status activate(IssuerId issuer, CardId card);
}
