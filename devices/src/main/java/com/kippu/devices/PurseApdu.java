package com.kippu.devices;

import com.kippu.devices.CardApdu.Command;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The e-money purse commands of a Kippu IC card, used by both sides like {@link CardApdu}: DEBIT
 * and CREDIT in the proprietary class (ISO/IEC 7816-4 CLA 80), answered with the value record the
 * card appended to its value log (short file identifier 3, append only), and GET DATA of the purse
 * status and of the last value record. The card computes every balance itself; a terminal only
 * names the amount and its transaction id, and repeating a DEBIT or CREDIT with the id of any
 * record in the value log returns that record instead of moving value twice.
 */
public final class PurseApdu {

  /** ISO/IEC 7816-4 proprietary class byte (b8 = 1), no secure messaging. */
  public static final int CLA_PROPRIETARY = 0x80;

  public static final int INS_DEBIT = 0x54;
  public static final int INS_CREDIT = 0x52;

  /** Short file identifier of the value log (record EF, written only by DEBIT and CREDIT). */
  public static final int SFI_VALUE_LOG = 3;

  /** GET DATA P1-P2 of the purse status: balance u64, value records u32, opening balance u64. */
  public static final int DO_PURSE_STATUS = 0x0102;

  /** GET DATA P1-P2 of the last value record; SW 6A83 when the log is empty. */
  public static final int DO_LAST_VALUE_RECORD = 0x0103;

  /** ISO/IEC 7816-4 "conditions of use not satisfied": balance too low or limit exceeded. */
  public static final int SW_CONDITIONS_NOT_SATISFIED = 0x6985;

  /** ISO/IEC 7816-4 "incorrect parameters in the data field": e.g. a reused transaction id. */
  public static final int SW_WRONG_DATA = 0x6A80;

  /** The largest balance a Kippu card purse holds, in yen. */
  public static final long MAX_BALANCE_YEN = 50_000;

  /** Longest transaction id (ASCII) a value record keeps. */
  public static final int MAX_TRANSACTION_ID = 32;

  private static final int RECORD_FORMAT = 1;

  private PurseApdu() {}

  /** The balance and size of a card's purse. */
  public record Status(long balanceYen, int records, long openingBalanceYen) {
    public static Status decode(byte[] data) {
      if (data.length != 20) {
        throw new IllegalArgumentException("purse status is 20 bytes, not " + data.length);
      }
      ByteBuffer b = ByteBuffer.wrap(data);
      return new Status(b.getLong(), b.getInt(), b.getLong());
    }

    public byte[] encode() {
      return ByteBuffer.allocate(20)
          .putLong(balanceYen)
          .putInt(records)
          .putLong(openingBalanceYen)
          .array();
    }
  }

  /**
   * One entry of the value log: its sequence (1 for the first record, +1 for each next), the signed
   * change in yen, the balance after it and the id of the terminal transaction.
   */
  public record ValueRecord(int sequence, long deltaYen, long balanceYen, String transactionId) {

    public ValueRecord {
      Objects.requireNonNull(transactionId, "transactionId");
      if (sequence < 1) {
        throw new IllegalArgumentException("sequence starts at 1");
      }
      if (balanceYen < 0) {
        throw new IllegalArgumentException("balance must not be negative");
      }
      requireTransactionId(transactionId);
    }

    public boolean isDebit() {
      return deltaYen < 0;
    }

    /** format u8 | sequence u32 | delta i64 | balance u64 | id length u8 | id (ASCII). */
    public byte[] encode() {
      byte[] id = transactionId.getBytes(StandardCharsets.US_ASCII);
      return ByteBuffer.allocate(1 + 4 + 8 + 8 + 1 + id.length)
          .put((byte) RECORD_FORMAT)
          .putInt(sequence)
          .putLong(deltaYen)
          .putLong(balanceYen)
          .put((byte) id.length)
          .put(id)
          .array();
    }

    /**
     * @throws IllegalArgumentException when {@code data} is not a value record
     */
    public static ValueRecord decode(byte[] data) {
      if (data.length < 23 || data[0] != RECORD_FORMAT) {
        throw new IllegalArgumentException("not a format " + RECORD_FORMAT + " value record");
      }
      ByteBuffer b = ByteBuffer.wrap(data, 1, data.length - 1);
      int sequence = b.getInt();
      long delta = b.getLong();
      long balance = b.getLong();
      int idLength = b.get() & 0xFF;
      if (b.remaining() != idLength) {
        throw new IllegalArgumentException("value record length does not match its id length");
      }
      byte[] id = new byte[idLength];
      b.get(id);
      return new ValueRecord(sequence, delta, balance, new String(id, StandardCharsets.US_ASCII));
    }
  }

  /** The amount and transaction id a DEBIT or CREDIT carries. */
  public record Request(long amountYen, String transactionId) {
    public Request {
      if (amountYen <= 0) {
        throw new IllegalArgumentException("amount must be positive");
      }
      requireTransactionId(transactionId);
    }

    /** amount u64 | id (ASCII). */
    public byte[] encode() {
      byte[] id = transactionId.getBytes(StandardCharsets.US_ASCII);
      return ByteBuffer.allocate(8 + id.length).putLong(amountYen).put(id).array();
    }

    /**
     * @throws IllegalArgumentException when {@code data} is not a valid request
     */
    public static Request decode(byte[] data) {
      if (data.length < 9) {
        throw new IllegalArgumentException("request shorter than amount and id");
      }
      ByteBuffer b = ByteBuffer.wrap(data);
      long amount = b.getLong();
      return new Request(amount, new String(data, 8, data.length - 8, StandardCharsets.US_ASCII));
    }
  }

  /**
   * The chip area file as a card with a value log presents it: the e-money field (SIMPLE-TLV tag 04
   * of {@link CardApdu#encodeChipArea}) holds {@code balanceYen}, every other byte is unchanged.
   *
   * @throws IllegalArgumentException when the area's TLV structure is broken or has no e-money
   *     field
   */
  public static byte[] withBalance(byte[] chipArea, long balanceYen) {
    byte[] out = chipArea.clone();
    int i = 0;
    while (i + 2 <= out.length) {
      int tag = out[i] & 0xFF;
      int len = out[i + 1] & 0xFF;
      i += 2;
      if (len == 0xFF) {
        if (i + 2 > out.length) {
          break;
        }
        len = ((out[i] & 0xFF) << 8) | (out[i + 1] & 0xFF);
        i += 2;
      }
      if (i + len > out.length) {
        break;
      }
      if (tag == CardApdu.TAG_EMONEY_YEN && len == 8) {
        ByteBuffer.wrap(out, i, 8).putLong(balanceYen);
        return out;
      }
      i += len;
    }
    throw new IllegalArgumentException("chip area has no 8-byte e-money field");
  }

  public static Command debit(long amountYen, String transactionId) {
    return new Command(
        CLA_PROPRIETARY,
        INS_DEBIT,
        0,
        0,
        new Request(amountYen, transactionId).encode(),
        CardApdu.NE_ANY);
  }

  public static Command credit(long amountYen, String transactionId) {
    return new Command(
        CLA_PROPRIETARY,
        INS_CREDIT,
        0,
        0,
        new Request(amountYen, transactionId).encode(),
        CardApdu.NE_ANY);
  }

  public static Command status() {
    return CardApdu.getData(DO_PURSE_STATUS);
  }

  public static Command lastRecord() {
    return CardApdu.getData(DO_LAST_VALUE_RECORD);
  }

  /**
   * @throws IllegalArgumentException unless {@code id} is 1 to {@value #MAX_TRANSACTION_ID}
   *     printable ASCII characters
   */
  public static void requireTransactionId(String id) {
    if (id == null || id.isEmpty() || id.length() > MAX_TRANSACTION_ID) {
      throw new IllegalArgumentException(
          "a transaction id has 1 to " + MAX_TRANSACTION_ID + " characters");
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        throw new IllegalArgumentException("a transaction id is printable ASCII without spaces");
      }
    }
  }
}
