package com.kippu.gate.bench;

import com.kippu.atm.card.CardId;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.payment.AccountNumber;
import java.util.ArrayList;
import java.util.List;

/**
 * A card whose chip area and write-once area are held in memory, for the benchmark: what it times
 * is the gate's work on what a reader returns, not the reader's transport.
 */
final class MemoryCard implements IcCard {
  private final ChipData chip;
  private final List<byte[]> records = new ArrayList<>();

  MemoryCard(String cardId) {
    chip =
        new ChipData(new CardId(cardId), "Bench Holder", new AccountNumber("0001-001-0000001"), 0);
  }

  @Override
  public ChipData readChip() {
    return chip;
  }

  @Override
  public List<byte[]> readRecords() {
    return records;
  }

  @Override
  public void append(byte[] record) {
    records.add(record);
  }
}
