package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import com.kippu.atm.payment.Money;
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
   * Registers a reservation to pay later at any terminal (F1, S1 ¶34-42): like {@link #reserve},
   * but it lasts until its payment deadline ({@link Reservation#expiresAt()}) instead of the short
   * hold.
   */
  Reservation reserveToPayLater(
      EventId eventId, List<SeatId> seatIds, CardId cardId, String requestNumber)
      throws SeatUnavailableException, CenterException;

  /** The reservation's current state at the center (F2/F3: paid elsewhere, expired). */
  ReservationState state(ReservationNumber number) throws CenterException;

  /**
   * Replaces an issued ticket whose printing may have gone wrong (paper out mid-ticket, a crash
   * while printing): the center voids {@code ticketNumber} (it goes on the revocation list) and
   * issues the same seats under a new number, signed, for the same card and payment. Asking again
   * for the same ticket returns the same replacement, so the first print and the reprint are never
   * both valid.
   */
  Ticket replace(String ticketNumber, CardId cardId, String reason) throws CenterException;

  /**
   * Issues the ticket against a payment proof; issuing the same reservation again returns the same
   * ticket.
   */
  Ticket issue(ReservationNumber reservation, CardId cardId, PaymentProof payment)
      throws CenterException;

  /**
   * Asks whether the seats can be sold now and gets the issuer's signed quote (F6, S1 ¶109): the
   * price and the issuer account to pay into (S1 ¶56). Nothing is held.
   */
  Quote quote(EventId eventId, List<SeatId> seatIds, CardId cardId)
      throws SeatUnavailableException, CenterException;

  /**
   * Buys the seats against a payment already made (F6, {@code POST /v1/purchases}): the center
   * holds and issues in one request. A repeat with the same request number is the same sale (the
   * same reservation and ticket), so recovery asks again under the journaled number.
   */
  Sale purchase(
      EventId eventId,
      List<SeatId> seatIds,
      CardId cardId,
      String requestNumber,
      PaymentProof payment)
      throws SeatUnavailableException, CenterException;

  /**
   * The card's standing as a pre-valued prepaid card (S2 ¶42: the issuer is asked whenever such a
   * card is used); empty when it is no prepaid card.
   */
  java.util.Optional<PrepaidCardState> prepaidCard(CardId cardId) throws CenterException;

  /** Releases the hold. Callers must be sure no money moved for it (STYLE ¶10). */
  void cancel(ReservationNumber number, String reason) throws CenterException;

  PublicKey issuerKey(IssuerId issuerId) throws CenterException;

  /**
   * The prepaid card's value at the center (F10, F11); {@link CenterException} {@code CARD_UNKNOWN}
   * when the card is not a registered prepaid card.
   */
  default CardValue cardValue(CardId cardId) throws CenterException {
    throw new CenterException("NOT_SUPPORTED", "this center does not hold card values");
  }

  /**
   * F11 before the customer pays: whether the card takes {@code amount} now, within its limits per
   * card and per day, answered with the issuer's signed quote naming the account to pay. A limit
   * refuses with {@link CenterException} {@code VALUE_LIMIT} or {@code DAILY_LIMIT}, whose message
   * says how much the card may still take.
   */
  default RechargeQuote rechargeQuote(CardId cardId, Money amount) throws CenterException {
    throw new CenterException("NOT_SUPPORTED", "this center does not recharge cards");
  }

  /**
   * F11 after payment: adds the paid amount to the card's value; the same proof again answers the
   * same value. A limit reached meanwhile refuses (the payment is then taken back).
   */
  default CardValue recharge(CardId cardId, PaymentProof payment) throws CenterException {
    throw new CenterException("NOT_SUPPORTED", "this center does not recharge cards");
  }

  /**
   * As {@link #recharge(CardId, PaymentProof)}, naming the purse transaction id the value is
   * written under: the center keeps it as a pending load until a terminal reports it on the chip,
   * so any terminal can write it when the card is next inserted ({@link #pendingLoads}).
   */
  default CardValue recharge(CardId cardId, PaymentProof payment, String purseTransactionId)
      throws CenterException {
    return recharge(cardId, payment);
  }

  /** F11: the card's recharges the center holds that no terminal has reported on its chip. */
  default List<PendingLoad> pendingLoads(CardId cardId) throws CenterException {
    return List.of();
  }

  /** F11: the pending load {@code purseTransactionId} is on the card's chip (idempotent). */
  default void loaded(CardId cardId, String purseTransactionId) throws CenterException {}

  /**
   * F13: records the card in the home PC's reader under the logged-in user (S2 ¶37, ¶40), on the
   * card's answer to the center's challenge.
   */
  default void homeLinkCard(HomeSession session, com.kippu.atm.card.CardId card, CardProof proof)
      throws CenterException {
    throw new CenterException("NOT_SUPPORTED", "this center serves no home PCs");
  }

  /** F13: a registered user logs in from a home PC with user id and password (S2 ¶47). */
  default HomeSession homeLogin(String userId, char[] password) throws CenterException {
    throw new CenterException("NOT_SUPPORTED", "this center serves no home PCs");
  }

  /**
   * F13: the center charges the user's stored card (S2 ¶49), or {@code keyed} (number and YYMM
   * expiry the user typed, S2 ¶51), at the card host, once per {@code reference}: asking again
   * answers the recorded payment.
   */
  default HomePayment homePay(
      HomeSession session, String reference, Money amount, java.util.Optional<String[]> keyed)
      throws CenterException {
    throw new CenterException("NOT_SUPPORTED", "this center serves no home PCs");
  }

  /**
   * F13 online banking (S2 ¶51): the center orders a transfer of {@code amount} from the user's
   * account {@code from} to {@code payee} at the user's bank, proved by the user's online-banking
   * {@code pin} as the PIN pad encrypted it (a block for {@code from}'s cash card number under the
   * center PIN key), once per {@code reference} like a card payment.
   */
  default HomePayment homePayByBank(
      HomeSession session,
      String reference,
      Money amount,
      com.kippu.atm.payment.AccountNumber from,
      com.kippu.atm.payment.AccountNumber payee,
      UserPin pin)
      throws CenterException {
    throw new CenterException("NOT_SUPPORTED", "this center serves no home PCs");
  }

  /** F13: a home PC payment as recorded; {@code PAYMENT_NOT_FOUND} when none was. */
  default HomePayment homePayment(String reference) throws CenterException {
    throw new CenterException("NOT_SUPPORTED", "this center serves no home PCs");
  }

  /** F13: takes an approved home PC payment back at the card host or bank that approved it. */
  default HomePayment homeReverse(String reference) throws CenterException {
    throw new CenterException("NOT_SUPPORTED", "this center serves no home PCs");
  }

  /** F11: the card applications issuers have uploaded, newest version of each. */
  default List<ApplicationOffer> applications() throws CenterException {
    throw new CenterException("NOT_SUPPORTED", "this center offers no card applications");
  }

  /**
   * F11: an application's code and its issuer-signed descriptor, verified (signature, code hash)
   * before it is returned.
   */
  default ApplicationPackage application(String appId) throws CenterException {
    throw new CenterException("NOT_SUPPORTED", "this center offers no card applications");
  }

  /**
   * F11: records the sale of version {@code version} of {@code appId}, installed on {@code cardId}
   * after {@code payment}, so its issuer is told and settled; the same request number again is the
   * same sale.
   *
   * @return the center's sale id
   */
  default String recordApplicationSale(
      String requestNumber, String appId, int version, CardId cardId, PaymentProof payment)
      throws CenterException {
    throw new CenterException("NOT_SUPPORTED", "this center offers no card applications");
  }
}
