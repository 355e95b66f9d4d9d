package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import java.security.PublicKey;
import java.util.List;

/**
 * The issuer center as the flows see it. Every reservation and ticket returned has had its issuer
 * signature verified and its echo of the request checked.
 */
public interface IssuerCenter {

  List<EventSummary> events() throws CenterException;

  List<Seat> seats(EventId eventId) throws CenterException;

  /**
   * Holds {@code seatIds} for the card; a retry with the same request number gets the same hold.
   */
  Reservation reserve(EventId eventId, List<SeatId> seatIds, CardId cardId, String requestNumber)
      throws SeatUnavailableException, CenterException;

  /**
   * Issues the ticket against a payment proof; issuing the same reservation again returns the same
   * ticket.
   */
  Ticket issue(ReservationNumber reservation, CardId cardId, PaymentProof payment)
      throws CenterException;

  /** Releases the hold. Callers must be sure no money moved for it (STYLE ¶10). */
  void cancel(ReservationNumber number, String reason) throws CenterException;

  PublicKey issuerKey(IssuerId issuerId) throws CenterException;
}
