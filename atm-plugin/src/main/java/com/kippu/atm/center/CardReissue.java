package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import java.util.List;
import java.util.Optional;

/**
 * A lost card's contents reissued onto a new card (S2 ¶38-40): each unused ticket as a new ticket
 * for the new card, signed by its issuer and verified here, and the prepaid value moved to it.
 */
public record CardReissue(
    CardId lostCard,
    CardId newCard,
    List<Reissued> tickets,
    long valueYen,
    Optional<IssuerId> valueIssuer) {
  public CardReissue {
    tickets = List.copyOf(tickets);
  }

  /** One new ticket and the lost card's ticket it replaces. */
  public record Reissued(Ticket ticket, String replaces) {}
}
