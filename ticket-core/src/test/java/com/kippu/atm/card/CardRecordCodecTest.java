package com.kippu.atm.card;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CardRecordCodecTest {
  private final CardRecordCodec codec = new CardRecordCodec(new SecureRandom());
  private final CardKey card = new CardKey(new CardId("KC-0001"), TestCardAccess.recordKey());

  private List<byte[]> chain(String... contents) {
    List<byte[]> raw = new ArrayList<>();
    for (String c : contents) {
      raw.add(codec.seal(card, raw, RecordType.TICKET, c.getBytes(StandardCharsets.UTF_8)));
    }
    return raw;
  }

  @Test
  void sealedRecordsOpenInOrder() throws CardException {
    List<CardRecord> records = codec.open(card, chain("first", "second"));

    assertEquals(2, records.size());
    assertEquals(RecordType.TICKET, records.get(1).type());
    assertArrayEquals("second".getBytes(StandardCharsets.UTF_8), records.get(1).content());
  }

  @Test
  void contentIsNotReadableOnTheCard() {
    byte[] raw = chain("SECRET-SEAT-A-1-1").get(0);

    assertTrue(!new String(raw, StandardCharsets.ISO_8859_1).contains("SECRET"));
  }

  @Test
  void flippedBitFailsAuthentication() {
    List<byte[]> raw = chain("first");
    raw.get(0)[raw.get(0).length - 1] ^= 1;

    CardException e = assertThrows(CardException.class, () -> codec.open(card, raw));
    assertTrue(e.getMessage().contains("record 0"), e.getMessage());
  }

  @Test
  void missingRecordBreaksTheChain() {
    List<byte[]> raw = chain("first", "second", "third");
    raw.remove(1);

    assertThrows(CardException.class, () -> codec.open(card, raw));
  }

  @Test
  void reorderedRecordsBreakTheChain() {
    List<byte[]> raw = chain("first", "second");

    assertThrows(CardException.class, () -> codec.open(card, List.of(raw.get(1), raw.get(0))));
  }

  @Test
  void recordCopiedToAnotherCardDoesNotOpen() {
    List<byte[]> raw = chain("first");

    assertThrows(
        CardException.class, () -> codec.open(new CardKey(new CardId("KC-0002"), card.key()), raw));
  }

  @Test
  void tornRecordIsRejected() {
    List<byte[]> raw = chain("first");
    raw.set(0, Arrays.copyOf(raw.get(0), raw.get(0).length - 5));

    assertThrows(CardException.class, () -> codec.open(card, raw));
  }

  @Test
  void aJunkRecordIsReportedAndTheRecordsAroundItStillOpen() {
    List<byte[]> raw = chain("first");
    raw.add("junk appended by any reader".getBytes(StandardCharsets.UTF_8));
    raw.add(codec.seal(card, raw, RecordType.TICKET, "after".getBytes(StandardCharsets.UTF_8)));

    CardRecordCodec.RecordScan scan = codec.scan(card, raw);

    assertEquals(2, scan.records().size());
    assertArrayEquals("after".getBytes(StandardCharsets.UTF_8), scan.records().get(1).content());
    assertEquals(1, scan.problems().size());
    assertTrue(scan.problems().get(0).contains("record 1"), scan.problems().get(0));
    assertThrows(CardException.class, () -> codec.open(card, raw));
  }
}
