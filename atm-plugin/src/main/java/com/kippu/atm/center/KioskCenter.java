package com.kippu.atm.center;

import java.util.List;
import java.util.Optional;

/**
 * The issuer center as the kiosk purchase (F7, S2 ¶22-29) sees it: the catalog browsed as a
 * hierarchy of card type, genre, artist and date/venue, the image a card face carries, and quotes
 * asked before the card is known (a blank card is taken from the stocker only after payment).
 * Signed documents are verified before they are returned, as by {@link IssuerCenter}.
 */
public interface KioskCenter {

  /** How many offers each card type has on sale now (S2 ¶22, the card type menu). */
  List<CardTypeOffer> cardTypes() throws CenterException;

  List<CatalogChoice> genres() throws CenterException;

  List<CatalogChoice> artists(String genre) throws CenterException;

  /** The date/venue level: the events of one artist in one genre, in start order. */
  List<EventSummary> events(String genre, String artist) throws CenterException;

  /** The image the issuer uploaded for the event's card face (S2 ¶21, ¶24), if any. */
  Optional<byte[]> eventImage(EventId eventId) throws CenterException;

  /**
   * The issuer's signed quote for the seats, for no card yet (F7 pays before the blank card is
   * fed): price and the issuer account to pay (S1 ¶56).
   */
  Quote quote(EventId eventId, List<SeatId> seatIds)
      throws SeatUnavailableException, CenterException;

  /** The products of {@code type} on sale (commuter passes, prepaid cards), by issuer and name. */
  List<Product> products(CardType type) throws CenterException;

  /**
   * The issuer's signed quote for a product: a pass at the fare of {@code fareClass} starting
   * {@code validFrom}, or a prepaid card (no fare class or first day) at its price.
   */
  ProductQuote quoteProduct(
      ProductId productId, FareClass fareClass, Optional<java.time.LocalDate> validFrom)
      throws CenterException;

  /**
   * Sells the quoted pass onto {@code cardId} against {@code payment}, the holder's details going
   * to the railway (S2 ¶29); the signed pass is verified and must be this sale's. A repeat with the
   * same request number is the same sale. With {@code registered}, the pass is in that registered
   * user's name, which the center sells only to an identity-checked registration (S2 ¶37).
   */
  CommuterPass sellPass(
      String requestNumber,
      ProductQuote quote,
      Holder holder,
      com.kippu.atm.card.CardId cardId,
      PaymentProof payment,
      java.util.Optional<RegisteredHolder> registered)
      throws CenterException;

  /** The pass this terminal sold under {@code requestNumber}, if the center made the sale. */
  Optional<CommuterPass> passSale(String requestNumber) throws CenterException;

  /**
   * Withdraws {@code payment} from the sale under {@code requestNumber}, which the center did not
   * make, before the terminal takes the payment back: from then on no sale can use it, so a late
   * copy of the sale request (in flight when the terminal stopped) buys nothing.
   *
   * @return true when withdrawn (also when it already was); false when the pass was sold after all,
   *     so the payment stands and {@link #passSale} has it
   * @throws CenterException when the proof paid for something else, or the answer is unknown
   */
  boolean withdrawPassPayment(
      String requestNumber, com.kippu.atm.card.CardId cardId, PaymentProof payment)
      throws CenterException;

  /**
   * Activates the pre-valued card read at its sale against the payment of its price (F10, S2 ¶41):
   * its issuer marks it issued, and from then on its value may be used. Repeating with the same
   * proof is the same activation.
   */
  PrepaidCardState activate(com.kippu.atm.card.CardId cardId, PaymentProof payment)
      throws CenterException;

  /** A card type and the number of offers on sale under it. */
  record CardTypeOffer(CardType cardType, int offers) {}
}
