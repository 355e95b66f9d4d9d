package com.kippu.center.card;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.reservation.CardId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A lost card reissued onto a new card (S2 ¶38-40), as recorded once: the new card, every ticket of
 * the lost card replaced on it, and the prepaid value moved to it (0 when the lost card had none)
 * with the issuer of that value.
 */
public record CardReissue(
    CardId lostCard,
    CardId newCard,
    List<ReissuedTicket> tickets,
    long valueYen,
    Optional<IssuerId> valueIssuer) {
  public CardReissue {
    Objects.requireNonNull(lostCard, "lostCard");
    Objects.requireNonNull(newCard, "newCard");
    Objects.requireNonNull(valueIssuer, "valueIssuer");
    tickets = List.copyOf(tickets);
  }
}
