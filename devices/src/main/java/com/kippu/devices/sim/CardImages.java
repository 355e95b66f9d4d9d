package com.kippu.devices.sim;

import com.kippu.devices.CardApdu;
import com.kippu.devices.ChipData;
import com.kippu.devices.PurseApdu;
import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Making and inspecting simulated IC card image files: {@link #create} issues a new card (format 2,
 * the chip area's e-money field is the purse's opening balance) for the simulator or a test, {@link
 * #dump} (also runnable as a program) shows one to a person.
 */
public final class CardImages {

  /** Key reference written when the caller names none. */
  public static final String DEFAULT_KEY_REFERENCE = "KIPPU-CARD-KEY-1";

  private CardImages() {}

  /** Issues a card with an empty write-once area; refuses to overwrite an existing file. */
  public static Path create(Path file, ChipData chip) throws IOException {
    return create(file, chip, DEFAULT_KEY_REFERENCE);
  }

  public static Path create(Path file, ChipData chip, String keyReference) throws IOException {
    CardImage.create(file, CardApdu.encodeChipArea(chip, keyReference));
    return file;
  }

  /**
   * Issues a card whose chip holds its own key ({@link com.kippu.devices.CardAuthentication}): the
   * key of {@code chip}'s card id under the issuer's card authentication master key.
   */
  public static Path createWithKey(Path file, ChipData chip, byte[] authenticationMaster)
      throws IOException {
    CardImage.create(
        file,
        CardApdu.encodeChipArea(chip, DEFAULT_KEY_REFERENCE),
        com.kippu.devices.CardAuthentication.cardKey(authenticationMaster, chip.cardId()));
    return file;
  }

  /**
   * Issues a card personalised as the center's card bureau does: its own key (as {@link
   * #createWithKey}), a record key of its own drawn at random, and the center's root key (X.509),
   * so it hands its access information to terminals the center certified and to nobody else ({@link
   * com.kippu.devices.CardAccessExchange}).
   */
  public static Path personalise(
      Path file, ChipData chip, byte[] authenticationMaster, byte[] centerRootKeyX509)
      throws IOException {
    byte[] recordKey = new byte[com.kippu.devices.CardAccessExchange.RECORD_KEY_LENGTH];
    new java.security.SecureRandom().nextBytes(recordKey);
    byte[] access = new byte[recordKey.length + centerRootKeyX509.length];
    System.arraycopy(recordKey, 0, access, 0, recordKey.length);
    System.arraycopy(centerRootKeyX509, 0, access, recordKey.length, centerRootKeyX509.length);
    CardImage.create(
        file,
        CardApdu.encodeChipArea(chip, DEFAULT_KEY_REFERENCE),
        com.kippu.devices.CardAuthentication.cardKey(authenticationMaster, chip.cardId()),
        access);
    return file;
  }

  /**
   * A human-readable description: header, chip area, and every intact record (length, SHA-256,
   * first bytes), plus the number of torn appends skipped.
   *
   * @throws IOException when the file cannot be read or its header is corrupt (message says why)
   */
  public static String dump(Path file) throws IOException {
    CardImage image = CardImage.read(file);
    byte[] area = image.chipArea();
    StringBuilder out = new StringBuilder();
    out.append("card image     ").append(file).append('\n');
    out.append("format         ").append(image.formatVersion());
    out.append(", ").append(image.size()).append(" bytes\n");
    try {
      ChipData chip = CardApdu.decodeChipArea(area);
      out.append("card id        ").append(chip.cardId()).append('\n');
      out.append("holder         ").append(chip.holderName()).append('\n');
      out.append("account        ").append(chip.accountReference()).append('\n');
      out.append("e-money        ").append(balance(image, chip)).append(" yen");
      if (image.hasValueLog()) {
        out.append(" (opening ").append(chip.emoneyBalanceYen()).append(" yen, ");
        out.append(image.values().size()).append(" value record(s))");
      } else {
        out.append(" (format 1: no value log)");
      }
      out.append('\n');
      out.append("key reference  ").append(CardApdu.keyReference(area)).append('\n');
    } catch (IllegalArgumentException e) {
      out.append("chip area      unreadable: ").append(e.getMessage()).append('\n');
    }
    List<byte[]> records = image.records();
    out.append("write-once     ").append(records.size()).append(" record(s)");
    if (image.tornFragments() > 0) {
      out.append(", ").append(image.tornFragments()).append(" torn append(s) skipped");
    }
    out.append('\n');
    for (byte[] raw : image.values()) {
      try {
        PurseApdu.ValueRecord v = PurseApdu.ValueRecord.decode(raw);
        out.append(
            String.format(
                "  value #%-3d %+9d yen -> %9d yen  %s%n",
                v.sequence(), v.deltaYen(), v.balanceYen(), v.transactionId()));
      } catch (IllegalArgumentException e) {
        out.append("  value record unreadable: ").append(e.getMessage()).append('\n');
      }
    }
    HexFormat hex = HexFormat.of();
    for (int i = 0; i < records.size(); i++) {
      byte[] r = records.get(i);
      out.append(
          String.format(
              "  #%-3d %6d bytes  sha256 %s  %s%n",
              i + 1,
              r.length,
              hex.formatHex(sha256(r), 0, 8),
              hex.formatHex(r, 0, Math.min(16, r.length))));
    }
    return out.toString();
  }

  /** The purse balance: the last value record's, else the chip area's. */
  private static long balance(CardImage image, ChipData chip) {
    List<byte[]> values = image.values();
    if (values.isEmpty()) {
      return chip.emoneyBalanceYen();
    }
    try {
      return PurseApdu.ValueRecord.decode(values.get(values.size() - 1)).balanceYen();
    } catch (IllegalArgumentException e) {
      return chip.emoneyBalanceYen();
    }
  }

  /** {@code java com.kippu.devices.sim.CardImages <card-image>...}: prints each card's dump. */
  public static void main(String[] args) {
    if (args.length == 0) {
      System.err.println("usage: CardImages <card-image-file>...");
      System.exit(2);
    }
    int status = 0;
    for (String arg : args) {
      try {
        System.out.print(dump(Path.of(arg)));
      } catch (IOException e) {
        System.err.println(e.getMessage());
        status = 1;
      }
    }
    System.exit(status);
  }

  private static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every JDK", e);
    }
  }
}
