package com.kippu.simulator;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Looks for the customers' secrets where they must never be: full card numbers, PIN blocks and
 * PINs, in text (logs, HTTP traffic) and in files of any kind (SQLite databases, card images,
 * receipts, logs), each file read as bytes so that a secret in a binary column is found too.
 *
 * <ul>
 *   <li>A card number is found as its digits, also in groups of four.
 *   <li>A PIN block (8 bytes) is found as hex in either case, as its raw bytes and as base64 (how
 *       Jackson writes a {@code byte[]}).
 *   <li>A PIN is four digits, which occur everywhere by chance (amounts, times, byte counts), so it
 *       is found only in a PIN context: after the word "pin" (any case, as in {@code pin=}, {@code
 *       "pinBlock":"}, {@code PIN: }) with at most 24 other non-digit characters between, not as
 *       part of a longer number; or as a quoted string of its own ({@code "4827"}, as a JSON value
 *       would hold it); or, in an SQLite database, as the whole text of a cell.
 * </ul>
 *
 * Each finding names where it was and what kind of secret, with the card number masked.
 */
final class LeakScanner {
  /** The kinds of secret looked for. */
  enum Secret {
    CARD_NUMBER,
    PIN_BLOCK,
    PIN
  }

  private final Set<String> cardNumbers;
  private final Set<String> pinBlocks;
  private final Set<String> pins;
  private final Pattern pinInContext;

  /**
   * @param cardNumbers full card numbers (digits)
   * @param pinBlocks PIN blocks as hex, either case
   * @param pins clear PINs (digits)
   */
  LeakScanner(
      Collection<String> cardNumbers, Collection<String> pinBlocks, Collection<String> pins) {
    this.cardNumbers = new LinkedHashSet<>(cardNumbers);
    this.pinBlocks = new LinkedHashSet<>();
    pinBlocks.forEach(b -> this.pinBlocks.add(b.toUpperCase(Locale.ROOT)));
    this.pins = new LinkedHashSet<>(pins);
    String any = String.join("|", pins);
    // Either after "pin" with no digit between, or a quoted string that is the PIN and no more.
    this.pinInContext =
        pins.isEmpty()
            ? null
            : Pattern.compile(
                "(?i)pin[^0-9\\r\\n]{0,24}(?<![0-9])("
                    + any
                    + ")(?![0-9])|([\"'])("
                    + any
                    + ")\\2");
  }

  /** Every secret of every kind in {@code text}. */
  List<String> scan(String where, String text) {
    return scan(where, text, EnumSet.allOf(Secret.class));
  }

  /** Every secret of {@code kinds} in {@code text}. */
  List<String> scan(String where, String text, Set<Secret> kinds) {
    List<String> findings = new ArrayList<>();
    if (kinds.contains(Secret.CARD_NUMBER)) {
      for (String pan : cardNumbers) {
        if (text.contains(pan) || text.contains(grouped(pan))) {
          findings.add(where + ": full card number " + masked(pan));
        }
      }
    }
    if (kinds.contains(Secret.PIN_BLOCK)) {
      for (String block : pinBlocks) {
        String form = form(text, block);
        if (form != null) {
          findings.add(where + ": PIN block " + block.substring(0, 4) + "... as " + form);
        }
      }
    }
    if (kinds.contains(Secret.PIN) && pinInContext != null) {
      Matcher m = pinInContext.matcher(text);
      if (m.find()) {
        String around =
            text.substring(Math.max(0, m.start() - 240), Math.min(text.length(), m.end() + 40));
        findings.add(
            where
                + ": PIN in a PIN context: \""
                + printable(m.group())
                + "\" in: "
                + printable(around));
      }
    }
    return findings;
  }

  /**
   * Every secret of every kind in the bytes of {@code file}, and, if it is an SQLite database,
   * every text cell that is a PIN.
   */
  List<String> scanFile(Path file) throws IOException {
    // ISO-8859-1 maps each byte to one char: text, hex and raw bytes are all found as they are.
    byte[] bytes = Files.readAllBytes(file);
    List<String> findings = scan(file.toString(), new String(bytes, StandardCharsets.ISO_8859_1));
    if (SqliteCells.isDatabase(bytes)) {
      for (SqliteCells.Cell cell : SqliteCells.textCells(file)) {
        if (pins.contains(cell.text().strip())) {
          findings.add(file + ": PIN as the whole of " + cell.where());
        }
      }
    }
    return findings;
  }

  /** How {@code block} (upper-case hex) appears in {@code text}, or null. */
  private static String form(String text, String block) {
    if (text.contains(block)) {
      return "hex";
    }
    if (text.contains(block.toLowerCase(Locale.ROOT))) {
      return "lower-case hex";
    }
    byte[] bytes = HexFormat.of().parseHex(block);
    if (text.contains(new String(bytes, StandardCharsets.ISO_8859_1))) {
      return "raw bytes";
    }
    // The first 10 characters (60 bits) stay the same wherever the block ends in a longer value.
    if (text.contains(Base64.getEncoder().encodeToString(bytes).substring(0, 10))) {
      return "base64";
    }
    return null;
  }

  private static String grouped(String pan) {
    return pan.replaceAll("(\\d{4})(?=\\d)", "$1 ");
  }

  private static String masked(String pan) {
    return pan.substring(0, 4) + "*".repeat(pan.length() - 8) + pan.substring(pan.length() - 4);
  }

  private static String printable(String s) {
    return s.replaceAll("[^\\x20-\\x7E]", "?");
  }
}
