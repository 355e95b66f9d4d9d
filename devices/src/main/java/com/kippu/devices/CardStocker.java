package com.kippu.devices;

import jpos.JposConst;
import jpos.JposException;

/**
 * The card stocker and capture bin of a kiosk's IC card unit (S2 ¶24): feed a blank card into the
 * reader, present the finished card, capture a card that is not taken. The stocker has hoppers:
 * hopper {@value #BLANK_HOPPER} holds blank cards, further hoppers hold ready-made cards such as
 * pre-valued prepaid cards whose id is read at issuance (S2 ¶41). JavaPOS has no card-stocker
 * category, so a vendor maps these to SmartCardRW {@code directIO} commands; Kippu's numbers and
 * payloads are below, and the simulated SmartCardRW implements them.
 *
 * <table>
 *   <caption>SmartCardRW directIO commands</caption>
 *   <tr><th>command</th><th>data (int[])</th><th>object</th></tr>
 *   <tr><td>{@link #DIO_FEED}</td><td>in [0]: hopper (0: blank cards); out [0]: cards left in
 *       that hopper</td><td>unused</td></tr>
 *   <tr><td>{@link #DIO_EJECT}</td><td>in [0]: present timeout ms; out [0]: 1 taken, 0
 *       captured</td><td>unused</td></tr>
 *   <tr><td>{@link #DIO_CAPTURE}</td><td>unused</td><td>unused</td></tr>
 *   <tr><td>{@link #DIO_STATUS}</td><td>out [0] blanks, [1] captured, [2] present timeouts,
 *       [3 + h] cards in hopper h (as many as the array holds)</td><td>unused</td></tr>
 *   <tr><td>{@link CardFacePrinter#DIO_PRINT_FACE}</td><td>unused</td><td>String[]: image file
 *       ("" for none), then the text lines</td></tr>
 * </table>
 */
public final class CardStocker {

  public static final int DIO_FEED = 7101;
  public static final int DIO_EJECT = 7102;
  public static final int DIO_CAPTURE = 7103;
  public static final int DIO_STATUS = 7104;

  /** The hopper of blank cards. */
  public static final int BLANK_HOPPER = 0;

  /** Hoppers a stocker may have at most. */
  public static final int MAX_HOPPERS = 4;

  /** JPOS_E_EXTENDED code: the stocker (the hopper asked for) has no card left. */
  public static final int ESC_STOCKER_EMPTY = 7201;

  /** JPOS_E_EXTENDED code: a card is already in the transport, nothing can be fed. */
  public static final int ESC_CARD_IN_TRANSPORT = 7202;

  /** JPOS_E_EXTENDED code: the card jammed in the transport while being fed; it is captured. */
  public static final int ESC_FEED_JAMMED = 7203;

  /** What happened to a presented card. */
  public enum Ejection {
    TAKEN,
    CAPTURED
  }

  /** Counters of the unit: blank cards left, cards in the capture bin, presents timed out. */
  public record Status(int blanks, int captured, int presentTimeouts) {}

  private final IcCardReaderWriter reader;

  CardStocker(IcCardReaderWriter reader) {
    this.reader = reader;
  }

  /**
   * Feeds the next blank card into the reader; it can be read and written like an inserted card.
   *
   * @throws JposException JPOS_E_EXTENDED with {@link #ESC_STOCKER_EMPTY} or {@link
   *     #ESC_CARD_IN_TRANSPORT}
   */
  public void feedBlankCard() throws JposException {
    feed(BLANK_HOPPER);
  }

  /**
   * Feeds the next card of {@code hopper} into the reader; returns the cards left in that hopper.
   *
   * @throws JposException JPOS_E_EXTENDED with {@link #ESC_STOCKER_EMPTY}, {@link
   *     #ESC_CARD_IN_TRANSPORT} or {@link #ESC_FEED_JAMMED}; JPOS_E_ILLEGAL for a hopper the unit
   *     does not have
   */
  public int feed(int hopper) throws JposException {
    if (hopper < 0 || hopper >= MAX_HOPPERS) {
      throw new JposException(
          JposConst.JPOS_E_ILLEGAL, "hopper must be 0.." + (MAX_HOPPERS - 1) + ": " + hopper);
    }
    int[] data = {hopper};
    reader.directIo(DIO_FEED, data, null, "feed a card from hopper " + hopper);
    return data[0];
  }

  /** Cards left in {@code hopper}. */
  public int cardsIn(int hopper) throws JposException {
    if (hopper < 0 || hopper >= MAX_HOPPERS) {
      throw new JposException(
          JposConst.JPOS_E_ILLEGAL, "hopper must be 0.." + (MAX_HOPPERS - 1) + ": " + hopper);
    }
    int[] data = new int[3 + MAX_HOPPERS];
    reader.directIo(DIO_STATUS, data, null, "read the stocker status");
    return data[3 + hopper];
  }

  /**
   * Presents the card at the slot for {@code presentTimeoutMs}; a card not taken by then is
   * retracted into the capture bin (S2 ¶24) and counted.
   */
  public Ejection eject(int presentTimeoutMs) throws JposException {
    if (presentTimeoutMs < 0) {
      throw new JposException(JposConst.JPOS_E_ILLEGAL, "present timeout must be >= 0");
    }
    int[] data = {presentTimeoutMs};
    reader.directIo(DIO_EJECT, data, null, "eject the card");
    return data[0] == 1 ? Ejection.TAKEN : Ejection.CAPTURED;
  }

  /** Retracts the card in the reader into the capture bin (e.g. an invalidated card, S2 ¶39). */
  public void capture() throws JposException {
    reader.directIo(DIO_CAPTURE, new int[1], null, "capture the card");
  }

  public Status status() throws JposException {
    int[] data = new int[3];
    reader.directIo(DIO_STATUS, data, null, "read the stocker status");
    return new Status(data[0], data[1], data[2]);
  }
}
