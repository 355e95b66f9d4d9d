package com.kippu.atm.card;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Seals and opens records of the card's write-once area. Each record is AES-256-GCM encrypted under
 * the card's own record key, which the card hands over only to a certified terminal ({@link
 * CardAccess}; S1 ¶41, claim 12: data scrambled with the card's access info), and carries the
 * SHA-256 of the record before it, so a missing, reordered, torn or transplanted record fails
 * {@link #open}.
 *
 * <p>Layout: version (1) | sequence (4) | previous hash (32) | nonce (12) | ciphertext+tag. The
 * header and the card id are authenticated as associated data; the record type is inside the
 * ciphertext.
 */
public final class CardRecordCodec {
  private static final byte VERSION = 1;
  private static final int HASH = 32;
  private static final int NONCE = 12;
  private static final int HEADER = 1 + 4 + HASH + NONCE;
  private static final int TAG_BITS = 128;
  private final SecureRandom random;

  public CardRecordCodec(SecureRandom random) {
    this.random = random;
  }

  /**
   * The record that follows {@code existing} (raw, as read from the card) on the card {@code card}
   * unlocked.
   */
  public byte[] seal(CardKey card, List<byte[]> existing, RecordType type, byte[] content) {
    byte[] previous =
        existing.isEmpty() ? new byte[HASH] : sha256(existing.get(existing.size() - 1));
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    ByteBuffer header = ByteBuffer.allocate(HEADER);
    header.put(VERSION).putInt(existing.size()).put(previous).put(nonce);
    byte[] plain = new byte[content.length + 1];
    plain[0] = (byte) type.code();
    System.arraycopy(content, 0, plain, 1, content.length);
    try {
      Cipher gcm = cipher(Cipher.ENCRYPT_MODE, card, nonce, header.array());
      byte[] sealed = gcm.doFinal(plain);
      return ByteBuffer.allocate(HEADER + sealed.length).put(header.array()).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /**
   * Decrypts and checks the whole chain; the first bad record ends it with an exception naming it.
   */
  public List<CardRecord> open(CardKey card, List<byte[]> raw) throws CardException {
    List<CardRecord> records = new ArrayList<>();
    byte[] expectedPrevious = new byte[HASH];
    for (int i = 0; i < raw.size(); i++) {
      records.add(openOne(card, raw.get(i), i, expectedPrevious));
      expectedPrevious = sha256(raw.get(i));
    }
    return records;
  }

  /**
   * What a reader makes of the write-once area when one bad record must not hide the rest (anyone
   * with a reader can append bytes): every record that authenticates, and a line for each one that
   * does not or that breaks the chain. A later record still opens after junk, since it chains to
   * the junk's bytes as they are on the card.
   */
  public RecordScan scan(CardKey card, List<byte[]> raw) {
    List<CardRecord> records = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    byte[] expectedPrevious = new byte[HASH];
    for (int i = 0; i < raw.size(); i++) {
      byte[] record = raw.get(i);
      try {
        records.add(openOne(card, record, i, expectedPrevious));
      } catch (CardException e) {
        problems.add(e.getMessage());
      }
      expectedPrevious = sha256(record);
    }
    return new RecordScan(records, problems);
  }

  /** The records that opened, oldest first, and what was wrong with the others. */
  public record RecordScan(List<CardRecord> records, List<String> problems) {
    public RecordScan {
      records = List.copyOf(records);
      problems = List.copyOf(problems);
    }
  }

  private CardRecord openOne(CardKey card, byte[] record, int i, byte[] expectedPrevious)
      throws CardException {
    if (record.length <= HEADER || record[0] != VERSION) {
      throw new CardException("card record " + i + " is not a Kippu v1 record");
    }
    ByteBuffer in = ByteBuffer.wrap(record);
    in.get();
    int sequence = in.getInt();
    byte[] previous = new byte[HASH];
    in.get(previous);
    byte[] nonce = new byte[NONCE];
    in.get(nonce);
    byte[] plain;
    try {
      Cipher gcm = cipher(Cipher.DECRYPT_MODE, card, nonce, Arrays.copyOf(record, HEADER));
      plain = gcm.doFinal(record, HEADER, record.length - HEADER);
    } catch (GeneralSecurityException e) {
      throw new CardException(
          "card record " + i + " fails authentication (tampered or not this card's)", e);
    }
    if (sequence != i || !MessageDigest.isEqual(previous, expectedPrevious)) {
      throw new CardException(
          "card record " + i + " breaks the record chain (missing or reordered)");
    }
    return new CardRecord(
        sequence, RecordType.of(plain[0] & 0xff), Arrays.copyOfRange(plain, 1, plain.length));
  }

  private Cipher cipher(int mode, CardKey card, byte[] nonce, byte[] header)
      throws GeneralSecurityException {
    Cipher gcm = GCM.get();
    gcm.init(mode, new SecretKeySpec(card.key(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    gcm.updateAAD(card.cardId().value().getBytes(StandardCharsets.US_ASCII));
    gcm.updateAAD(header);
    return gcm;
  }

  private static byte[] sha256(byte[] bytes) {
    return SHA256.get().digest(bytes);
  }

  // JCE lookups cost more than the work on a small record; each thread keeps its own instances
  // (none of them is thread-safe), initialised again for every record.
  private static final ThreadLocal<Cipher> GCM =
      ThreadLocal.withInitial(() -> instance(() -> Cipher.getInstance("AES/GCM/NoPadding")));
  private static final ThreadLocal<MessageDigest> SHA256 =
      ThreadLocal.withInitial(() -> instance(() -> MessageDigest.getInstance("SHA-256")));

  private interface Factory<T> {
    T create() throws GeneralSecurityException;
  }

  private static <T> T instance(Factory<T> factory) {
    try {
      return factory.create();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("JCE algorithm unavailable", e);
    }
  }
}
