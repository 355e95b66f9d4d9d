package com.kippu.atm.flow.collect;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.ReservationState;
import com.kippu.atm.center.Signatures;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.internal.DocumentParser;
import com.kippu.atm.flow.reservation.ReservationRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The reservations on a card as the customer may pay them (F2/F3, S1 ¶44-50): each record's issuer
 * signature is verified and it must name this card; the center says whether it is still held, paid
 * elsewhere or cancelled; one whose deadline is too near to pay and issue reads as expired.
 */
final class ReservationsOnCard {
  private static final Logger LOG = Logger.getLogger(ReservationsOnCard.class.getName());

  /** Why a reservation on the card cannot be paid here and now, or {@link #PAYABLE}. */
  enum Standing {
    PAYABLE,
    EXPIRED,
    PAID,
    CANCELLED,
    UNKNOWN
  }

  /** One reservation found on the card and its standing. */
  record Found(Reservation reservation, Standing standing, Optional<String> ticket) {}

  private final ReservationRecords records;
  private final IssuerCenter center;

  ReservationsOnCard(ReservationRecords records, IssuerCenter center) {
    this.records = records;
    this.center = center;
  }

  /**
   * The card's reservations, oldest first; a record that does not verify is left out and logged.
   *
   * @param margin how long a reservation must still last to be paid and issued now
   */
  List<Found> list(IcCard card, CardId cardId, Instant now, Duration margin) throws CardException {
    List<Found> found = new ArrayList<>();
    for (SignedDocument signed : records.read(card, cardId)) {
      Optional<Reservation> r = verified(signed, cardId);
      if (r.isPresent()) {
        found.add(standing(r.get(), now, margin));
      }
    }
    return found;
  }

  private Optional<Reservation> verified(SignedDocument signed, CardId cardId) {
    try {
      Reservation r = DocumentParser.reservation(signed);
      if (r.cardId().equals(cardId) && Signatures.verify(signed, center.issuerKey(r.issuerId()))) {
        return Optional.of(r);
      }
      LOG.warning("reservation record " + r.number() + " on card " + cardId + " does not verify");
    } catch (CenterException e) {
      LOG.warning("reservation record on card " + cardId + " unreadable: " + e.getMessage());
    }
    return Optional.empty();
  }

  private Found standing(Reservation r, Instant now, Duration margin) {
    ReservationState state;
    try {
      state = center.state(r.number());
    } catch (CenterException e) {
      LOG.info("state of reservation " + r.number() + " unknown: " + e.getMessage());
      return new Found(r, Standing.UNKNOWN, Optional.empty());
    }
    Standing standing =
        switch (state.status()) {
          case ISSUED -> Standing.PAID;
          case CANCELLED -> Standing.CANCELLED;
          case EXPIRED -> Standing.EXPIRED;
          case HELD ->
              state.expiresAt().isAfter(now.plus(margin)) ? Standing.PAYABLE : Standing.EXPIRED;
        };
    return new Found(r, standing, state.ticketNumber());
  }
}
