package com.kippu.center.card;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.reservation.CardId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A lost card reissued onto a new card (S2 ¶38-40), as recorded once: the new card, every ticket of
 * the lost card replaced on it, and the prepaid value moved to it (0 when the lost card had none)
 * with the issuer of that value, and every commuter pass of the lost card reissued onto it.
 */
public record CardReissue(
    CardId lostCard,
    CardId newCard,
    List<ReissuedTicket> tickets,
    long valueYen,
    Optional<IssuerId> valueIssuer,
    List<ReissuedPass> passes) {
  public CardReissue {
    Objects.requireNonNull(lostCard, "lostCard");
    Objects.requireNonNull(newCard, "newCard");
    Objects.requireNonNull(valueIssuer, "valueIssuer");
    tickets = List.copyOf(tickets);
    passes = List.copyOf(passes);
  }

  /** Tickets and value only; the passes are added by {@link #withPasses}. */
  public CardReissue(
      CardId lostCard,
      CardId newCard,
      List<ReissuedTicket> tickets,
      long valueYen,
      Optional<IssuerId> valueIssuer) {
    this(lostCard, newCard, tickets, valueYen, valueIssuer, List.of());
  }

  /** The same reissue with the lost card's passes reissued onto the new card. */
  public CardReissue withPasses(List<ReissuedPass> reissuedPasses) {
    return new CardReissue(lostCard, newCard, tickets, valueYen, valueIssuer, reissuedPasses);
  }
}
