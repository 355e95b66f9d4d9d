package com.kippu.center.card;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.reservation.CardId;

/**
 * Port to an issuer's local server (S2 ¶38, ¶40-42), the authority on the cards it has invalidated:
 * asked before the center sells, issues or activates anything of that issuer onto a card.
 */
@FunctionalInterface
public interface IssuerCardStatus {

  /** What the issuer says of a card. */
  enum Status {
    VALID,
    INVALIDATED,
    /** The issuer has no status endpoint, or did not answer in time. */
    NO_ANSWER
  }

  IssuerCardStatus NONE = (issuer, card) -> Status.NO_ANSWER;

  /** Never throws for a network or receiver failure: answers {@link Status#NO_ANSWER}. */
  Status status(IssuerId issuer, CardId card);
}
