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
}
