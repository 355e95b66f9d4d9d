package com.kippu.devices;

import jpos.JposConst;
import jpos.JposException;

/**
 * The card stocker and capture bin of a kiosk's IC card unit (S2 ¶24): feed a blank card into the
 * reader, present the finished card, capture a card that is not taken. JavaPOS has no card-stocker
 * category, so a vendor maps these to SmartCardRW {@code directIO} commands; Kippu's numbers and
 * payloads are below, and the simulated SmartCardRW implements them.
 *
 * <table>
 *   <caption>SmartCardRW directIO commands</caption>
 *   <tr><th>command</th><th>data (int[])</th><th>object</th></tr>
 *   <tr><td>{@link #DIO_FEED}</td><td>out [0]: blanks left</td><td>unused</td></tr>
 *   <tr><td>{@link #DIO_EJECT}</td><td>in [0]: present timeout ms; out [0]: 1 taken, 0
 *       captured</td><td>unused</td></tr>
 *   <tr><td>{@link #DIO_CAPTURE}</td><td>unused</td><td>unused</td></tr>
 *   <tr><td>{@link #DIO_STATUS}</td><td>out [0] blanks, [1] captured, [2] present timeouts</td>
 *       <td>unused</td></tr>
 *   <tr><td>{@link CardFacePrinter#DIO_PRINT_FACE}</td><td>unused</td><td>String[]: image file
 *       ("" for none), then the text lines</td></tr>
 * </table>
 */
public final class CardStocker {

  public static final int DIO_FEED = 7101;
  public static final int DIO_EJECT = 7102;
  public static final int DIO_CAPTURE = 7103;
  public static final int DIO_STATUS = 7104;

  /** JPOS_E_EXTENDED code: the stocker has no blank card left. */
  public static final int ESC_STOCKER_EMPTY = 7201;

  /** JPOS_E_EXTENDED code: a card is already in the transport, nothing can be fed. */
  public static final int ESC_CARD_IN_TRANSPORT = 7202;

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
    reader.directIo(DIO_FEED, new int[1], null, "feed a blank card");
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
