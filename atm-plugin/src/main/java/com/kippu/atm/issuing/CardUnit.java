package com.kippu.atm.issuing;

import java.time.Duration;

/**
 * The IC card unit of a card-issuing terminal as the kiosk purchase (F7) sees it (S2 ¶24): the slot
 * the customer's own card goes into, the stocker whose hoppers feed blank or pre-valued cards into
 * the same transport, the printer of the card face, and the capture bin. A terminal without a
 * stocker (a home PC's reader) has only the slot.
 */
public interface CardUnit {

  /** The hopper of blank cards; pre-valued cards sit in hoppers of their own (S2 ¶41). */
  int BLANK_HOPPER = 0;

  /** Whether cards can be fed from a stocker and their faces printed. */
  boolean hasStocker();

  boolean cardPresent() throws CardUnitException;

  /** Waits up to {@code timeout} for the customer to insert a card; false when none came. */
  boolean awaitCard(Duration timeout) throws CardUnitException;

  /** Cards left in {@code hopper}; 0 on a unit without a stocker. */
  int cardsIn(int hopper) throws CardUnitException;

  /**
   * Feeds the next card of {@code hopper} into the transport, where it is read and written like an
   * inserted card.
   *
   * @throws CardUnitException {@link CardUnitException.Reason#EMPTY}, {@link
   *     CardUnitException.Reason#JAMMED} (the card went to the capture bin), {@link
   *     CardUnitException.Reason#BUSY} (a card is in the transport)
   */
  void feed(int hopper) throws CardUnitException;

  /**
   * Prints the face of the card in the transport: text and an optional image (S2 ¶24, ¶39).
   *
   * @throws CardUnitException {@link CardUnitException.Reason#FACE_NOT_PRINTED} when the printer
   *     failed or refused the text (nothing was printed then, or the face is spoilt)
   */
  void printFace(CardFace face) throws CardUnitException;

  /**
   * Presents the card at the slot for {@code presentTimeout}; a card not taken by then is retracted
   * into the capture bin and counted.
   */
  Ejection eject(Duration presentTimeout) throws CardUnitException;

  /** Retracts the card in the transport into the capture bin. */
  void capture() throws CardUnitException;

  /** What became of a presented card. */
  enum Ejection {
    TAKEN,
    CAPTURED
  }
}
