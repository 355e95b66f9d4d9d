package com.kippu.gate.bench;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.payment.AccountNumber;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A card whose chip area and write-once area are held in memory, for the benchmark: what it times
 * is the gate's work on what a reader returns, not the reader's transport. The card's own side of
 * the access exchange runs on its chip, not on the gate's processor: the card answers each
 * certificate with an answer it sealed once ({@link #answerFor}), which the gate still has to open.
 */
final class MemoryCard implements IcCard {
  private final ChipData chip;
  private final List<byte[]> records = new ArrayList<>();
  private final Map<String, byte[]> answers = new HashMap<>();

  MemoryCard(String cardId) {
    chip =
        new ChipData(new CardId(cardId), "Bench Holder", new AccountNumber("0001-001-0000001"), 0);
  }

  /** The chip's answer to {@code certificate}: its record key sealed to that terminal. */
  void answerFor(byte[] certificate, byte[] answer) {
    answers.put(HexFormat.of().formatHex(certificate), answer.clone());
  }

  @Override
  public byte[] access(byte[] certificate) throws CardException {
    byte[] answer = answers.get(HexFormat.of().formatHex(certificate));
    if (answer == null) {
      throw new CardException("card refused GET ACCESS with SW 6982");
    }
    return answer;
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
