package com.kippu.gate;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TestCardAccess;
import com.kippu.atm.payment.AccountNumber;
import java.util.ArrayList;
import java.util.List;

/** A card in memory: chip area and write-once area, with a switch that makes appends fail. */
final class FakeCard implements IcCard {
  private final ChipData chip;
  private final List<byte[]> records = new ArrayList<>();
  boolean appendFails;

  /** The chip's own key (INTERNAL AUTHENTICATE), or null for a card without one (a copy). */
  byte[] chipKey;

  /** The chip's record key, handed only to certified terminals; null on a copy. */
  byte[] recordKey = TestCardAccess.recordKey();

  FakeCard(String cardId, String holder) {
    this.chip = new ChipData(new CardId(cardId), holder, new AccountNumber("0001-001-1234567"), 0);
  }

  @Override
  public ChipData readChip() {
    return chip;
  }

  @Override
  public List<byte[]> readRecords() {
    return List.copyOf(records);
  }

  @Override
  public void append(byte[] record) throws CardException {
    if (appendFails) {
      throw new CardException("card pulled out during the write");
    }
    records.add(record.clone());
  }

  @Override
  public byte[] authenticate(byte[] challenge) throws CardException {
    if (chipKey == null) {
      throw new CardException("card refused INTERNAL AUTHENTICATE with SW 6A88");
    }
    return com.kippu.devices.CardAuthentication.response(chipKey, challenge);
  }

  @Override
  public byte[] access(byte[] certificate) throws CardException {
    if (recordKey == null) {
      throw new CardException("card refused GET ACCESS with SW 6A88");
    }
    return TestCardAccess.answer(recordKey, chip.cardId().value(), certificate);
  }

  /** Another card with this card's chip area and records, as a reader can copy them. */
  FakeCard copy() {
    FakeCard copy = new FakeCard(chip.cardId().value(), chip.holderName());
    copy.recordKey = null; // the chip's secrets do not come through a reader
    copy.records.addAll(records);
    return copy;
  }

  int size() {
    return records.size();
  }
}
