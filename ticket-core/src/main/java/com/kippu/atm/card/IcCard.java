package com.kippu.atm.card;

import java.util.List;

/**
 * The inserted IC card as the flows see it: a chip area to read and a write-once area that can only
 * be appended to (S1 ¶28, ¶78). Implemented over a JavaPOS SmartCardRW service.
 */
public interface IcCard {

  ChipData readChip() throws CardException;

  /** The raw records of the write-once area, oldest first. */
  List<byte[]> readRecords() throws CardException;

  /** Appends one record; the card refuses to change anything already written. */
  void append(byte[] record) throws CardException;

  /**
   * The card's answer to {@code challenge} under its own key (ISO 7816-4 INTERNAL AUTHENTICATE),
   * which never leaves the chip; a card that holds no key refuses.
   */
  default byte[] authenticate(byte[] challenge) throws CardException {
    throw new CardException("this card cannot authenticate itself");
  }

  /**
   * The card's access information (its record key) sealed to the terminal whose card-access
   * certificate is {@code certificate} ({@link CardAccess}); a card without any (a copy) refuses.
   */
  default byte[] access(byte[] certificate) throws CardException {
    throw new CardException("this card hands over no access information");
  }

  /**
   * Installs an issuer's application on the card (S2 ¶45): refused when the same AID is installed
   * in this version or a newer one.
   */
  default void install(CardApplication application) throws CardException {
    throw new CardException("this card takes no applications");
  }

  /** The applications installed on the card, newest version of each, without their code. */
  default java.util.List<CardApplication> applications() throws CardException {
    return java.util.List.of();
  }
}
