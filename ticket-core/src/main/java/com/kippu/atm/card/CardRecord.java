package com.kippu.atm.card;

/** One decrypted, chain-checked record of the write-once area. */
public record CardRecord(int sequence, RecordType type, byte[] content) {
  public CardRecord {
    content = content.clone();
  }

  @Override
  public byte[] content() {
    return content.clone();
  }
}
