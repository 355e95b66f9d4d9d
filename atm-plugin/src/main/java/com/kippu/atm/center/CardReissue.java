package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import java.util.List;
import java.util.Optional;

/**
 * A lost card's contents reissued onto a new card (S2 ¶38-40): each unused ticket as a new ticket
 * for the new card, signed by its issuer and verified here, the prepaid value moved to it, and each
 * valid commuter pass as a new pass the railway signed for the new card.
 */
public record CardReissue(
    CardId lostCard,
    CardId newCard,
    List<Reissued> tickets,
    long valueYen,
    Optional<IssuerId> valueIssuer,
    List<ReissuedPass> passes) {
  public CardReissue {
    tickets = List.copyOf(tickets);
    passes = List.copyOf(passes);
  }

  /** A reissue without passes. */
  public CardReissue(
      CardId lostCard,
      CardId newCard,
      List<Reissued> tickets,
      long valueYen,
      Optional<IssuerId> valueIssuer) {
    this(lostCard, newCard, tickets, valueYen, valueIssuer, List.of());
  }

  /** One new pass and the lost card's pass it replaces. */
  public record ReissuedPass(CommuterPass pass, String replaces) {}

  /** One new ticket and the lost card's ticket it replaces. */
  public record Reissued(Ticket ticket, String replaces) {}
}
