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
 * header  : magic "KIPPUCRD" | format u16 | flags u16 | chip length u32 | chip area | CRC32 u32
 * records : frame*   where frame = marker "REC" 1E | length u32 | payload | CRC32(length|payload)
 * </pre>
 *
 * All integers are big-endian. Records are only ever appended (file opened with APPEND, forced to
 * disk before success is reported). A frame that fails its length or CRC check — a torn append — is
 * counted and skipped up to the next intact frame, so it is never taken for a record and a later
 * append still lands after it.
 */
final class CardImage {

  static final byte[] MAGIC = {'K', 'I', 'P', 'P', 'U', 'C', 'R', 'D'};
  static final int FORMAT_VERSION = 1;
  static final int MAX_CHIP_AREA = 4096;
  static final int MAX_RECORD = 65535;
  private static final byte[] FRAME_MARKER = {'R', 'E', 'C', 0x1E};
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
  private final int tornFragments;
  private final long size;

  private CardImage(
      int formatVersion, byte[] chipArea, List<byte[]> records, int tornFragments, long size) {
    this.formatVersion = formatVersion;
    this.chipArea = chipArea;
    this.records = records;
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

  int tornFragments() {
    return tornFragments;
  }

  long size() {
    return size;
  }

  /** Writes a new card (never over an existing file) atomically: temp file, fsync, rename. */
  static void create(Path file, byte[] chipArea) throws IOException {
    if (chipArea.length > MAX_CHIP_AREA) {
      throw new IllegalArgumentException("chip area larger than " + MAX_CHIP_AREA + " bytes");
    }
    if (Files.exists(file)) {
      throw new java.nio.file.FileAlreadyExistsException(file.toString(), null, "card exists");
    }
    ByteBuffer b = ByteBuffer.allocate(HEADER_FIXED + chipArea.length + 4);
    b.put(MAGIC).putShort((short) FORMAT_VERSION).putShort((short) 0);
    b.putInt(chipArea.length).put(chipArea);
    b.putInt(crc(b.array(), 0, b.position()));
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
    b.getShort(); // flags, none defined in format 1
    if (version != FORMAT_VERSION) {
      throw new CorruptImageException(
          file,
          "format version " + version + " is not supported (expected " + FORMAT_VERSION + ")");
    }
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
    int torn = 0;
    int pos = HEADER_FIXED + chipLen + 4;
    while (pos < all.length) {
      byte[] payload = frameAt(all, pos);
      if (payload != null) {
        records.add(payload);
        pos += FRAME_OVERHEAD + payload.length;
        continue;
      }
      torn++;
      pos = nextFrame(all, pos + 1);
    }
    return new CardImage(version, chip, List.copyOf(records), torn, all.length);
  }

  /** Appends one record frame and forces it to disk; earlier bytes are never touched. */
  static void append(Path file, byte[] record) throws IOException {
    append(file, record, Integer.MAX_VALUE);
  }

  /**
   * Writes only the first {@code keep} bytes of the frame (at most all but its last byte): the torn
   * append a card pulled mid-write leaves behind, which {@link #read} must skip.
   */
  static void appendTorn(Path file, byte[] record, int keep) throws IOException {
    append(file, record, Math.max(0, Math.min(keep, FRAME_OVERHEAD + record.length - 1)));
  }

  private static void append(Path file, byte[] record, int limit) throws IOException {
    if (record.length == 0 || record.length > MAX_RECORD) {
      throw new IllegalArgumentException("record length " + record.length + " out of range");
    }
    ByteBuffer b = ByteBuffer.allocate(FRAME_OVERHEAD + record.length);
    b.put(FRAME_MARKER).putInt(record.length).put(record);
    b.putInt(crc(b.array(), FRAME_MARKER.length, 4 + record.length));
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

  /** The payload of an intact frame at {@code pos}, or null. */
  private static byte[] frameAt(byte[] all, int pos) {
    if (all.length - pos < FRAME_OVERHEAD
        || !Arrays.equals(all, pos, pos + 4, FRAME_MARKER, 0, 4)) {
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

  private static int nextFrame(byte[] all, int from) {
    for (int p = from; p <= all.length - FRAME_OVERHEAD; p++) {
      if (frameAt(all, p) != null) {
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
