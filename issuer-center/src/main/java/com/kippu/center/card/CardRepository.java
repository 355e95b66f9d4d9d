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

  /**
   * Stores the replacements that are new (a ticket is replaced at most once: unique key) and
   * returns every replacement of a ticket on {@code oldCard}, including earlier ones.
   */
  List<ReissuedTicket> reissue(CardId oldCard, List<ReissuedTicket> replacements);

  /**
   * In one transaction: revokes {@code replacement.replaces()} and stores {@code replacement}
   * unless that ticket was replaced before; returns the replacement stored (the earlier one on a
   * repeat).
   */
  ReissuedTicket replace(ReissuedTicket replacement, String reason);
}
