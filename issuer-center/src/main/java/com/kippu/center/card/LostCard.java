package com.kippu.center.card;

import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.TicketNumber;
import java.time.Instant;
import java.util.List;

/** A card invalidated at the center (S2 ¶38) and the tickets on it, all revoked. */
public record LostCard(CardId cardId, Instant lostAt, List<TicketNumber> revokedTickets) {
  public LostCard {
    revokedTickets = List.copyOf(revokedTickets);
  }
}
