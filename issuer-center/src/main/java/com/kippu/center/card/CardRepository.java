package com.kippu.center.card;

import com.kippu.center.reservation.CardId;
import com.kippu.center.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port to card state: losses, the tickets on a card, and reissues. */
public interface CardRepository {

  /**
   * In one transaction: records the loss (once; a repeat returns the first), revokes the card and
   * every ticket on it, and puts a CARD_LOST notice for each issuer concerned into the outbox.
   */
  LostCard markLost(CardId cardId, UserId reportedBy, String reason, Instant at);

  Optional<Instant> lostAt(CardId cardId);

  List<CardTicket> ticketsOn(CardId cardId);

  /** The card a lost card was reissued onto, if it was. */
  Optional<CardId> reissuedOnto(CardId lostCard);

  /**
   * In one transaction: records that {@code oldCard} is reissued onto {@code newCard} by {@code
   * user} unless it was reissued before (onto any card); when the record names {@code newCard},
   * stores the replacements that are new (a ticket is replaced at most once: unique key) and moves
   * the old card's active prepaid value to the new card (once). Returns the reissue as recorded,
   * with every replacement of a ticket on {@code oldCard}, earlier ones included; a reissue
   * recorded onto another card comes back naming that card, with nothing stored. Empty when {@code
   * newCard} already received another lost card's contents.
   */
  Optional<CardReissue> reissue(
      CardId oldCard, CardId newCard, UserId user, List<ReissuedTicket> replacements, Instant at);

  /**
   * In one transaction: revokes {@code replacement.replaces()} and stores {@code replacement}
   * unless that ticket was replaced before; returns the replacement stored (the earlier one on a
   * repeat).
   */
  ReissuedTicket replace(ReissuedTicket replacement, String reason);
}
