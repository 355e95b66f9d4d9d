package com.kippu.devices.sim;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;

/**
 * The on-disk image of a simulated IC card, read whole and never rewritten once created.
 *
 * <pre>
 * header : magic "KIPPUCRD" | format u16 | flags u16 | chip length u32 | chip area | CRC32 u32
 * frames : frame*   where frame = marker | length u32 | payload | CRC32(length|payload)
 *          marker "REC" 1E: a record of the write-once area
 *          marker "VAL" 1E: a record of the e-money value log (format 2 and later)
 *          marker "KEY" 1E: the card's own key, written at personalisation, answered with by
 *                           INTERNAL AUTHENTICATE and returned by no command
 *          marker "ACS" 1E: after KEY, the card's access information (record key, 32 bytes, and
 *                           the center's root key, X.509), handed over only sealed to a certified
 *                           terminal ({@link com.kippu.devices.CardAccessExchange})
 *          marker "APP" 1E: an application installed on the card (S2 ¶45, {@link
 *                           com.kippu.devices.CardApplets})
 * </pre>
 *
 * All integers are big-endian. Frames are only ever appended (file opened with APPEND, forced to
 * disk before success is reported). A frame that fails its length or CRC check — a torn append — is
 * counted and skipped up to the next intact frame, so it is never taken for a record and a later
 * append still lands after it. Format 1 images (no value log; the chip area's e-money field is the
 * balance) are still read; new cards are written in format 2.
 */
final class CardImage {

  static final byte[] MAGIC = {'K', 'I', 'P', 'P', 'U', 'C', 'R', 'D'};
  static final int FORMAT_VERSION = 2;

  /** The first format, before the e-money value log: read-only for the purse. */
  static final int FORMAT_NO_VALUE_LOG = 1;

  static final int MAX_CHIP_AREA = 4096;
  static final int MAX_RECORD = 65535;
  private static final byte[] RECORD_MARKER = {'R', 'E', 'C', 0x1E};
  private static final byte[] VALUE_MARKER = {'V', 'A', 'L', 0x1E};
  private static final byte[] KEY_MARKER = {'K', 'E', 'Y', 0x1E};
  private static final byte[] ACCESS_MARKER = {'A', 'C', 'S', 0x1E};
  private static final byte[] APP_MARKER = {'A', 'P', 'P', 0x1E};
  private static final int HEADER_FIXED = MAGIC.length + 2 + 2 + 4;
  private static final int FRAME_OVERHEAD = 4 + 4 + 4;

  /** The image is not a card image, or its header is damaged; nothing was changed. */
  static final class CorruptImageException extends IOException {
    CorruptImageException(Path file, String why) {
      super("card image " + file + " is corrupt: " + why);
    }
  }

  private final int formatVersion;
  private final byte[] chipArea;
  private final List<byte[]> records;
  private final List<byte[]> values;
  private final int tornFragments;
  private final long size;
  private final byte[] cardKey;
  private final byte[] access;
  private List<byte[]> applets = List.of();

  private CardImage(
      int formatVersion,
      byte[] chipArea,
      List<byte[]> records,
      List<byte[]> values,
      int tornFragments,
      long size,
      byte[] cardKey,
      byte[] access) {
    this.cardKey = cardKey;
    this.access = access;
    this.formatVersion = formatVersion;
    this.chipArea = chipArea;
    this.records = records;
    this.values = values;
    this.tornFragments = tornFragments;
    this.size = size;
  }

  int formatVersion() {
    return formatVersion;
  }

  byte[] chipArea() {
    return chipArea.clone();
  }

  List<byte[]> records() {
    return records;
  }

  /** Whether the card has a value log (format 2 and later). */
  boolean hasValueLog() {
    return formatVersion >= FORMAT_VERSION;
  }

  /** The intact value log records, oldest first (payloads of "VAL" frames). */
  List<byte[]> values() {
    return values;
  }

  /** The installed applications' packages, in installation order ("APP" frames). */
  List<byte[]> applets() {
    return applets;
  }

  /** The card's own key, or null for a card personalised without one (or copied). */
  byte[] cardKey() {
    return cardKey == null ? null : cardKey.clone();
  }

  /** The card's access information (record key | root key), or null for a card without. */
  byte[] access() {
    return access == null ? null : access.clone();
  }

  /** Torn appends skipped, in either area. */
  int tornFragments() {
    return tornFragments;
  }

  long size() {
    return size;
  }

  /** Writes a new card (never over an existing file) atomically: temp file, fsync, rename. */
  static void create(Path file, byte[] chipArea) throws IOException {
    create(file, chipArea, null);
  }

  /** As {@link #create(Path, byte[])}, with the card's own key ({@code null}: none). */
  static void create(Path file, byte[] chipArea, byte[] cardKey) throws IOException {
    create(file, chipArea, cardKey, null);
  }

  /**
   * As {@link #create(Path, byte[], byte[])}, with the card's access information ({@code null}:
   * none; only with a key).
   */
  static void create(Path file, byte[] chipArea, byte[] cardKey, byte[] access) throws IOException {
    if (access != null && cardKey == null) {
      throw new IllegalArgumentException("access information needs the card's own key");
    }
    if (chipArea.length > MAX_CHIP_AREA) {
      throw new IllegalArgumentException("chip area larger than " + MAX_CHIP_AREA + " bytes");
    }
    if (Files.exists(file)) {
      throw new java.nio.file.FileAlreadyExistsException(file.toString(), null, "card exists");
    }
    int keyFrame =
        (cardKey == null ? 0 : FRAME_OVERHEAD + cardKey.length)
            + (access == null ? 0 : FRAME_OVERHEAD + access.length);
    ByteBuffer b = ByteBuffer.allocate(HEADER_FIXED + chipArea.length + 4 + keyFrame);
    b.put(MAGIC).putShort((short) FORMAT_VERSION).putShort((short) 0);
    b.putInt(chipArea.length).put(chipArea);
    b.putInt(crc(b.array(), 0, b.position()));
    if (cardKey != null) {
      int start = b.position();
      b.put(KEY_MARKER).putInt(cardKey.length).put(cardKey);
      b.putInt(crc(b.array(), start + KEY_MARKER.length, 4 + cardKey.length));
    }
    if (access != null) {
      int start = b.position();
      b.put(ACCESS_MARKER).putInt(access.length).put(access);
      b.putInt(crc(b.array(), start + ACCESS_MARKER.length, 4 + access.length));
    }
    b.flip();
    Path tmp = file.resolveSibling(file.getFileName() + ".creating");
    try (FileChannel ch =
        FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
    try {
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  static CardImage read(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    if (all.length < HEADER_FIXED + 4) {
      throw new CorruptImageException(file, "only " + all.length + " bytes, shorter than a header");
    }
    if (!Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new CorruptImageException(file, "not a Kippu card image (bad magic)");
    }
    ByteBuffer b = ByteBuffer.wrap(all);
    b.position(MAGIC.length);
    int version = b.getShort() & 0xFFFF;
    b.getShort(); // flags, none defined in formats 1 and 2
    if (version != FORMAT_VERSION && version != FORMAT_NO_VALUE_LOG) {
      throw new CorruptImageException(
          file,
          "format version "
              + version
              + " is not supported (expected "
              + FORMAT_NO_VALUE_LOG
              + " or "
              + FORMAT_VERSION
              + ")");
    }
    boolean valueLog = version >= FORMAT_VERSION;
    int chipLen = b.getInt();
    if (chipLen < 0 || chipLen > MAX_CHIP_AREA || HEADER_FIXED + chipLen + 4 > all.length) {
      throw new CorruptImageException(file, "chip area length " + chipLen + " is out of range");
    }
    byte[] chip = Arrays.copyOfRange(all, HEADER_FIXED, HEADER_FIXED + chipLen);
    int stored = ByteBuffer.wrap(all, HEADER_FIXED + chipLen, 4).getInt();
    if (stored != crc(all, 0, HEADER_FIXED + chipLen)) {
      throw new CorruptImageException(file, "header checksum mismatch");
    }
    List<byte[]> records = new ArrayList<>();
    List<byte[]> values = new ArrayList<>();
    List<byte[]> applets = new ArrayList<>();
    int torn = 0;
    int pos = HEADER_FIXED + chipLen + 4;
    byte[] key = frameAt(all, pos, KEY_MARKER);
    byte[] access = null;
    if (key != null) {
      pos += FRAME_OVERHEAD + key.length;
      access = frameAt(all, pos, ACCESS_MARKER);
      if (access != null) {
        pos += FRAME_OVERHEAD + access.length;
      }
    }
    while (pos < all.length) {
      byte[] payload = frameAt(all, pos, RECORD_MARKER);
      if (payload != null) {
        records.add(payload);
        pos += FRAME_OVERHEAD + payload.length;
        continue;
      }
      payload = valueLog ? frameAt(all, pos, VALUE_MARKER) : null;
      if (payload != null) {
        values.add(payload);
        pos += FRAME_OVERHEAD + payload.length;
        continue;
      }
      payload = frameAt(all, pos, APP_MARKER);
      if (payload != null) {
        applets.add(payload);
        pos += FRAME_OVERHEAD + payload.length;
        continue;
      }
      torn++;
      pos = nextFrame(all, pos + 1, valueLog);
    }
    CardImage image =
        new CardImage(
            version,
            chip,
            List.copyOf(records),
            List.copyOf(values),
            torn,
            all.length,
            key,
            access);
    image.applets = List.copyOf(applets);
    return image;
  }

  /** Appends one installed application's frame and forces it to disk. */
  static void appendApplet(Path file, byte[] applet) throws IOException {
    append(file, APP_MARKER, applet, Integer.MAX_VALUE);
  }

  /** Appends one write-once area record frame and forces it to disk; earlier bytes never change. */
  static void append(Path file, byte[] record) throws IOException {
    append(file, RECORD_MARKER, record, Integer.MAX_VALUE);
  }

  /** Appends one value log frame (format 2 images only) and forces it to disk. */
  static void appendValue(Path file, byte[] value) throws IOException {
    append(file, VALUE_MARKER, value, Integer.MAX_VALUE);
  }

  /**
   * Writes only the first {@code keep} bytes of the frame (at most all but its last byte): the torn
   * append a card pulled mid-write leaves behind, which {@link #read} must skip.
   */
  static void appendTorn(Path file, byte[] record, int keep) throws IOException {
    append(file, RECORD_MARKER, record, tornLimit(record, keep));
  }

  /** {@link #appendTorn} for a value log frame. */
  static void appendValueTorn(Path file, byte[] value, int keep) throws IOException {
    append(file, VALUE_MARKER, value, tornLimit(value, keep));
  }

  private static int tornLimit(byte[] payload, int keep) {
    return Math.max(0, Math.min(keep, FRAME_OVERHEAD + payload.length - 1));
  }

  private static void append(Path file, byte[] marker, byte[] record, int limit)
      throws IOException {
    if (record.length == 0 || record.length > MAX_RECORD) {
      throw new IllegalArgumentException("record length " + record.length + " out of range");
    }
    ByteBuffer b = ByteBuffer.allocate(FRAME_OVERHEAD + record.length);
    b.put(marker).putInt(record.length).put(record);
    b.putInt(crc(b.array(), marker.length, 4 + record.length));
    b.flip();
    b.limit(Math.min(b.limit(), limit));
    // APPEND only: the OS positions every write at end of file, so no earlier byte can change.
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.APPEND)) {
      while (b.hasRemaining()) {
        ch.write(b);
      }
      ch.force(true);
    }
  }

  /** The payload of an intact frame with {@code marker} at {@code pos}, or null. */
  private static byte[] frameAt(byte[] all, int pos, byte[] marker) {
    if (all.length - pos < FRAME_OVERHEAD || !Arrays.equals(all, pos, pos + 4, marker, 0, 4)) {
      return null;
    }
    int len = ByteBuffer.wrap(all, pos + 4, 4).getInt();
    if (len <= 0 || len > MAX_RECORD || (long) pos + FRAME_OVERHEAD + len > all.length) {
      return null;
    }
    int stored = ByteBuffer.wrap(all, pos + 8 + len, 4).getInt();
    if (stored != crc(all, pos + 4, 4 + len)) {
      return null;
    }
    return Arrays.copyOfRange(all, pos + 8, pos + 8 + len);
  }

  private static int nextFrame(byte[] all, int from, boolean valueLog) {
    for (int p = from; p <= all.length - FRAME_OVERHEAD; p++) {
      if (frameAt(all, p, RECORD_MARKER) != null
          || frameAt(all, p, APP_MARKER) != null
          || (valueLog && frameAt(all, p, VALUE_MARKER) != null)) {
        return p;
      }
    }
    return all.length;
  }

  private static int crc(byte[] bytes, int off, int len) {
    CRC32 c = new CRC32();
    c.update(bytes, off, len);
    return (int) c.getValue();
  }
}
