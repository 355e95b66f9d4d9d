package com.kippu.center.card;

import com.kippu.center.reservation.CardId;
import com.kippu.center.user.UserId;
import java.time.Instant;
import java.util.List;

/** Port to the commuter passes on cards and their reissue onto a lost card's new card. */
public interface PassReissueRepository {

  /** Every pass on {@code cardId}, sold there or reissued onto it. */
  List<CardPass> passesOn(CardId cardId);

  /** Every pass on the cards linked to {@code user}, newest first. */
  List<CardPass> passesOf(UserId user);

  /**
   * In one transaction, and only if the lost card's reissue is recorded onto {@code newCard}:
   * stores the replacements that are new (a pass is replaced at most once: unique key) and puts the
   * railway's record of each into the outbox (a reissue, not a sale: no payment). Returns every
   * replacement of a pass of {@code lostCard}, earlier ones included; empty when the reissue is
   * recorded onto another card or not at all.
   */
  List<ReissuedPass> reissue(
      CardId lostCard, CardId newCard, List<ReissuedPass> replacements, Instant at);
}
