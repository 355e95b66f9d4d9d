package com.kippu.devices;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The command set spoken between the terminal and a Kippu IC card, used by both sides: {@link
 * IcCardReaderWriter} builds commands and the simulated card OS answers them. Commands are ISO/IEC
 * 7816-4 APDUs (short or extended length) over two elementary files: the chip area, a transparent
 * file read with READ BINARY, and the write-once area, a record file that only accepts APPEND
 * RECORD; any command that would change written bytes is refused with {@link #SW_NOT_ALLOWED}.
 *
 * <p>JavaPOS SmartCardRW carries APDUs in {@code String} parameters; one char holds one byte
 * (ISO-8859-1), see {@link #toJposData} and {@link #fromJposData}.
 */
public final class CardApdu {

  /** ISO/IEC 7816-4 inter-industry class byte: no secure messaging, basic logical channel. */
  public static final int CLA = 0x00;

  public static final int INS_READ_BINARY = 0xB0;
  public static final int INS_READ_RECORD = 0xB2;
  public static final int INS_APPEND_RECORD = 0xE2;
  public static final int INS_UPDATE_BINARY = 0xD6;
  public static final int INS_WRITE_BINARY = 0xD0;
  public static final int INS_ERASE_BINARY = 0x0E;
  public static final int INS_UPDATE_RECORD = 0xDC;
  public static final int INS_WRITE_RECORD = 0xD2;
  public static final int INS_ERASE_RECORD = 0x0C;
  public static final int INS_GET_DATA = 0xCA;

  /** ISO 7816-4 INTERNAL AUTHENTICATE: the card answers a challenge with its own secret. */
  public static final int INS_INTERNAL_AUTHENTICATE = 0x88;

  /** Short file identifier of the chip area (transparent EF). */
  public static final int SFI_CHIP_AREA = 1;

  /** Short file identifier of the write-once area (record EF, append only). */
  public static final int SFI_WRITE_ONCE_AREA = 2;

  /** GET DATA P1-P2 (proprietary range) of the write-once area status: records, torn appends. */
  public static final int DO_AREA_STATUS = 0x0101;

  /** Largest record the write-once area accepts: the extended-length Lc limit. */
  public static final int MAX_RECORD_LENGTH = 65535;

  /** Ne that means "as many as available" in an extended-length command (Le = 0000). */
  public static final int NE_ANY = 65536;

  public static final int SW_OK = 0x9000;
  public static final int SW_MEMORY_FAILURE = 0x6581;
  public static final int SW_WRONG_LENGTH = 0x6700;
  public static final int SW_INCOMPATIBLE_FILE = 0x6981;
  public static final int SW_SECURITY_NOT_SATISFIED = 0x6982;
  public static final int SW_NOT_ALLOWED = 0x6986;
  public static final int SW_FILE_NOT_FOUND = 0x6A82;
  public static final int SW_RECORD_NOT_FOUND = 0x6A83;
  public static final int SW_NOT_ENOUGH_MEMORY = 0x6A84;
  public static final int SW_REFERENCED_DATA_NOT_FOUND = 0x6A88;
  public static final int SW_WRONG_P1P2 = 0x6B00;
  public static final int SW_INS_NOT_SUPPORTED = 0x6D00;
  public static final int SW_CLA_NOT_SUPPORTED = 0x6E00;

  private static final Map<Integer, String> SW_TEXT = new HashMap<>();

  static {
    SW_TEXT.put(SW_OK, "normal processing");
    SW_TEXT.put(SW_MEMORY_FAILURE, "memory failure");
    SW_TEXT.put(SW_WRONG_LENGTH, "wrong length");
    SW_TEXT.put(SW_INCOMPATIBLE_FILE, "command incompatible with file structure");
    SW_TEXT.put(SW_SECURITY_NOT_SATISFIED, "security status not satisfied");
    SW_TEXT.put(SW_NOT_ALLOWED, "command not allowed (write-once area)");
    SW_TEXT.put(SW_FILE_NOT_FOUND, "file not found");
    SW_TEXT.put(SW_RECORD_NOT_FOUND, "record not found");
    SW_TEXT.put(SW_NOT_ENOUGH_MEMORY, "not enough memory in the file");
    SW_TEXT.put(SW_REFERENCED_DATA_NOT_FOUND, "referenced data not found (no card key)");
    SW_TEXT.put(SW_WRONG_P1P2, "wrong parameters P1-P2");
    SW_TEXT.put(SW_INS_NOT_SUPPORTED, "instruction not supported");
    SW_TEXT.put(SW_CLA_NOT_SUPPORTED, "class not supported");
  }

  // SIMPLE-TLV tags of the chip area file (ISO 7816-4 SIMPLE-TLV: 1-byte tag, 1 or 3-byte length).
  static final int TAG_CARD_ID = 0x01;
  static final int TAG_HOLDER = 0x02;
  static final int TAG_ACCOUNT = 0x03;
  static final int TAG_EMONEY_YEN = 0x04;
  static final int TAG_KEY_REFERENCE = 0x05;

  private CardApdu() {}

  /** A command APDU; {@code ne} is the maximum response length expected (0 = none). */
  public record Command(int cla, int ins, int p1, int p2, byte[] data, int ne) {

    public Command {
      data = data == null ? new byte[0] : data.clone();
      if (data.length > MAX_RECORD_LENGTH) {
        throw new IllegalArgumentException("command data longer than " + MAX_RECORD_LENGTH);
      }
      if (ne < 0 || ne > NE_ANY) {
        throw new IllegalArgumentException("ne out of range: " + ne);
      }
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    /** Encodes cases 1-4, extended length when data exceeds 255 bytes or Ne exceeds 256. */
    public byte[] encode() {
      boolean extended = data.length > 255 || ne > 256;
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      out.write(cla);
      out.write(ins);
      out.write(p1);
      out.write(p2);
      if (data.length > 0) {
        if (extended) {
          out.write(0);
          out.write(data.length >> 8);
          out.write(data.length);
        } else {
          out.write(data.length);
        }
        out.writeBytes(data);
      }
      if (ne > 0) {
        if (extended) {
          if (data.length == 0) {
            out.write(0);
          }
          out.write((ne == NE_ANY ? 0 : ne) >> 8);
          out.write(ne == NE_ANY ? 0 : ne);
        } else {
          out.write(ne == 256 ? 0 : ne);
        }
      }
      return out.toByteArray();
    }

    /**
     * Decodes an encoded APDU.
     *
     * @throws IllegalArgumentException when the length fields do not match the APDU's length
     */
    public static Command decode(byte[] apdu) {
      int n = apdu.length;
      if (n < 4) {
        throw new IllegalArgumentException("APDU shorter than its 4-byte header");
      }
      int cla = apdu[0] & 0xFF;
      int ins = apdu[1] & 0xFF;
      int p1 = apdu[2] & 0xFF;
      int p2 = apdu[3] & 0xFF;
      if (n == 4) {
        return new Command(cla, ins, p1, p2, null, 0);
      }
      int b4 = apdu[4] & 0xFF;
      if (n == 5) {
        return new Command(cla, ins, p1, p2, null, b4 == 0 ? 256 : b4);
      }
      if (b4 != 0) {
        if (n == 5 + b4) {
          return new Command(cla, ins, p1, p2, Arrays.copyOfRange(apdu, 5, n), 0);
        }
        if (n == 6 + b4) {
          int le = apdu[n - 1] & 0xFF;
          return new Command(
              cla, ins, p1, p2, Arrays.copyOfRange(apdu, 5, 5 + b4), le == 0 ? 256 : le);
        }
        throw new IllegalArgumentException("short Lc " + b4 + " does not match APDU length " + n);
      }
      int word = ((apdu[5] & 0xFF) << 8) | (apdu[6] & 0xFF);
      if (n == 7) {
        return new Command(cla, ins, p1, p2, null, word == 0 ? NE_ANY : word);
      }
      if (word == 0) {
        throw new IllegalArgumentException("extended Lc must not be 0");
      }
      if (n == 7 + word) {
        return new Command(cla, ins, p1, p2, Arrays.copyOfRange(apdu, 7, n), 0);
      }
      if (n == 9 + word) {
        int le = ((apdu[n - 2] & 0xFF) << 8) | (apdu[n - 1] & 0xFF);
        return new Command(
            cla, ins, p1, p2, Arrays.copyOfRange(apdu, 7, 7 + word), le == 0 ? NE_ANY : le);
      }
      throw new IllegalArgumentException(
          "extended Lc " + word + " does not match APDU length " + n);
    }

    @Override
    public String toString() {
      return String.format(
          "Command[%s P1=%02X P2=%02X Lc=%d Ne=%d]", insName(ins), p1, p2, data.length, ne);
    }
  }

  /** A response APDU: data followed by the two-byte status word SW1-SW2. */
  public record Response(byte[] data, int sw) {

    public Response {
      data = data == null ? new byte[0] : data.clone();
    }

    public static Response status(int sw) {
      return new Response(null, sw);
    }

    @Override
    public byte[] data() {
      return data.clone();
    }

    public boolean ok() {
      return sw == SW_OK;
    }

    public byte[] encode() {
      byte[] out = Arrays.copyOf(data, data.length + 2);
      out[data.length] = (byte) (sw >> 8);
      out[data.length + 1] = (byte) sw;
      return out;
    }

    public static Response decode(byte[] rapdu) {
      if (rapdu.length < 2) {
        throw new IllegalArgumentException("response APDU shorter than its status word");
      }
      int n = rapdu.length;
      int sw = ((rapdu[n - 2] & 0xFF) << 8) | (rapdu[n - 1] & 0xFF);
      return new Response(Arrays.copyOf(rapdu, n - 2), sw);
    }

    @Override
    public String toString() {
      return "Response[" + data.length + " bytes, SW " + describe(sw) + "]";
    }
  }

  public static Command readBinary(int sfi, int offset, int ne) {
    return new Command(CLA, INS_READ_BINARY, 0x80 | sfi, offset, null, ne);
  }

  /** READ RECORD of record {@code number} (1-based) of the file {@code sfi}. */
  public static Command readRecord(int sfi, int number) {
    return new Command(CLA, INS_READ_RECORD, number, (sfi << 3) | 0x04, null, NE_ANY);
  }

  public static Command appendRecord(int sfi, byte[] record) {
    return new Command(CLA, INS_APPEND_RECORD, 0x00, sfi << 3, record, 0);
  }

  public static Command updateRecord(int sfi, int number, byte[] record) {
    return new Command(CLA, INS_UPDATE_RECORD, number, (sfi << 3) | 0x04, record, 0);
  }

  /** INTERNAL AUTHENTICATE with {@code challenge}, the card's own key (P1 P2 00 00). */
  public static Command internalAuthenticate(byte[] challenge) {
    return new Command(CLA, INS_INTERNAL_AUTHENTICATE, 0x00, 0x00, challenge, 256);
  }

  public static Command getData(int tag) {
    return new Command(CLA, INS_GET_DATA, tag >> 8, tag & 0xFF, null, 256);
  }

  /** "6986 (command not allowed (write-once area))", for error messages. */
  public static String describe(int sw) {
    return String.format("%04X (%s)", sw, SW_TEXT.getOrDefault(sw, "unknown status"));
  }

  static String insName(int ins) {
    return switch (ins) {
      case INS_READ_BINARY -> "READ BINARY";
      case INS_READ_RECORD -> "READ RECORD";
      case INS_APPEND_RECORD -> "APPEND RECORD";
      case INS_UPDATE_BINARY -> "UPDATE BINARY";
      case INS_WRITE_BINARY -> "WRITE BINARY";
      case INS_ERASE_BINARY -> "ERASE BINARY";
      case INS_UPDATE_RECORD -> "UPDATE RECORD";
      case INS_WRITE_RECORD -> "WRITE RECORD";
      case INS_ERASE_RECORD -> "ERASE RECORD";
      case INS_GET_DATA -> "GET DATA";
      case INS_INTERNAL_AUTHENTICATE -> "INTERNAL AUTHENTICATE";
      default -> String.format("INS %02X", ins);
    };
  }

  /** One byte per char (ISO-8859-1), the way binary data travels in JavaPOS String parameters. */
  public static String toJposData(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /**
   * The first {@code count} chars of {@code data} as bytes.
   *
   * @throws IllegalArgumentException when a char is above U+00FF or count is out of range
   */
  public static byte[] fromJposData(String data, int count) {
    if (count < 0 || count > data.length()) {
      throw new IllegalArgumentException(
          "count " + count + " out of range for " + data.length() + " chars");
    }
    byte[] out = new byte[count];
    for (int i = 0; i < count; i++) {
      char c = data.charAt(i);
      if (c > 0xFF) {
        throw new IllegalArgumentException("char at " + i + " is not a byte value: U+" + (int) c);
      }
      out[i] = (byte) c;
    }
    return out;
  }

  /** The chip area file's content: SIMPLE-TLV fields in tag order. */
  public static byte[] encodeChipArea(ChipData chip, String keyReference) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    tlv(out, TAG_CARD_ID, chip.cardId().getBytes(StandardCharsets.UTF_8));
    tlv(out, TAG_HOLDER, chip.holderName().getBytes(StandardCharsets.UTF_8));
    tlv(out, TAG_ACCOUNT, chip.accountReference().getBytes(StandardCharsets.UTF_8));
    tlv(out, TAG_EMONEY_YEN, ByteBuffer.allocate(8).putLong(chip.emoneyBalanceYen()).array());
    tlv(out, TAG_KEY_REFERENCE, keyReference.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /**
   * Parses the chip area file; unknown tags are skipped so later formats can add fields.
   *
   * @throws IllegalArgumentException when the TLV structure is broken or a field is missing
   */
  public static ChipData decodeChipArea(byte[] area) {
    Map<Integer, byte[]> fields = decodeTlv(area);
    for (int tag : new int[] {TAG_CARD_ID, TAG_HOLDER, TAG_ACCOUNT, TAG_EMONEY_YEN}) {
      if (!fields.containsKey(tag)) {
        throw new IllegalArgumentException(String.format("chip area lacks tag %02X", tag));
      }
    }
    byte[] yen = fields.get(TAG_EMONEY_YEN);
    if (yen.length != 8) {
      throw new IllegalArgumentException("e-money balance field is not 8 bytes");
    }
    return new ChipData(
        new String(fields.get(TAG_CARD_ID), StandardCharsets.UTF_8),
        new String(fields.get(TAG_HOLDER), StandardCharsets.UTF_8),
        new String(fields.get(TAG_ACCOUNT), StandardCharsets.UTF_8),
        ByteBuffer.wrap(yen).getLong());
  }

  /** The key reference field of a chip area, or "" when absent. */
  public static String keyReference(byte[] area) {
    byte[] ref = decodeTlv(area).get(TAG_KEY_REFERENCE);
    return ref == null ? "" : new String(ref, StandardCharsets.UTF_8);
  }

  private static Map<Integer, byte[]> decodeTlv(byte[] area) {
    Map<Integer, byte[]> fields = new HashMap<>();
    int i = 0;
    while (i < area.length) {
      if (i + 2 > area.length) {
        throw new IllegalArgumentException("chip area TLV truncated at offset " + i);
      }
      int tag = area[i] & 0xFF;
      int len = area[i + 1] & 0xFF;
      i += 2;
      if (len == 0xFF) {
        if (i + 2 > area.length) {
          throw new IllegalArgumentException("chip area TLV length truncated at offset " + i);
        }
        len = ((area[i] & 0xFF) << 8) | (area[i + 1] & 0xFF);
        i += 2;
      }
      if (i + len > area.length) {
        throw new IllegalArgumentException(String.format("chip area TLV tag %02X overruns", tag));
      }
      fields.put(tag, Arrays.copyOfRange(area, i, i + len));
      i += len;
    }
    return fields;
  }

  private static void tlv(ByteArrayOutputStream out, int tag, byte[] value) {
    if (value.length > 0xFFFF) {
      throw new IllegalArgumentException("chip area field too long");
    }
    out.write(tag);
    if (value.length < 0xFF) {
      out.write(value.length);
    } else {
      out.write(0xFF);
      out.write(value.length >> 8);
      out.write(value.length);
    }
    out.writeBytes(value);
  }
}
