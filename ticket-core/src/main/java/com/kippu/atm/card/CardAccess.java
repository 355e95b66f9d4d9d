package com.kippu.atm.card;

/**
 * This terminal's (or gate's) way into cards' write-once areas (S1 ¶41, ¶69, claim 12): the card
 * hands its record key over an authenticated exchange to a terminal the center certified, and to
 * nobody else; no terminal holds a key that opens every card. The certificate exchange itself is
 * infrastructure ({@code com.kippu.atm.device.CertifiedCardAccess}).
 */
public interface CardAccess {

  /** The certificate's holder: the terminal or gate id the center certified. */
  String holder();

  /**
   * The record key of the card in the reader, handed over by the card itself.
   *
   * @throws CardException when the card hands nothing over (a copy made through a reader, a card
   *     personalised for another center) or its answer does not open
   */
  CardKey unlock(IcCard card, CardId cardId) throws CardException;
}
