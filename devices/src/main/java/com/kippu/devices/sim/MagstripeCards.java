package com.kippu.devices.sim;

import com.kippu.devices.Pans;
import java.time.YearMonth;
import java.util.Objects;

/**
 * Builds the stripes of simulated bank, debit and credit cards as they are recorded, sentinels
 * included: ISO 7813 track 1 (format B) and track 2 with a PAN whose last digit is its Luhn check
 * digit, and the JIS-II track of Japanese bank cards (JIS X 6302). The LRC is not part of the
 * strings: the simulated head computes it (see {@link SimulatedMagstripes.Reader#damageNextSwipe}).
 */
public final class MagstripeCards {

  /** ISO 7811-2 sentinels and field separators. */
  static final char T1_START = '%';

  static final char T2_START = ';';
  static final char END = '?';
  static final char T1_SEPARATOR = '^';
  static final char T2_SEPARATOR = '=';

  /** JIS X 6302 Type II start and end sentinel (DEL). */
  static final char JIS2_SENTINEL = 0x7F;

  /** Data characters on the JIS-II track: 72 in all less start, end sentinel and LRC. */
  public static final int JIS2_DATA_LENGTH = 69;

  private MagstripeCards() {}

  /**
   * The tracks of one card (null when absent). {@link #toString()} shows the masked PAN only.
   *
   * @param pan the primary account number encoded on the ISO tracks, or "" for a JIS-II-only card
   */
  public record Card(String track1, String track2, String jis2, String pan) {
    public Card {
      Objects.requireNonNull(pan, "pan");
    }

    /** This card with a JIS-II track holding {@code data} (see {@link #jis2Track}). */
    public Card withJis2(String data) {
      return new Card(track1, track2, jis2Track(data), pan);
    }

    @Override
    public String toString() {
      return "Card[pan "
          + Pans.mask(pan)
          + (track1 != null ? ", track 1" : "")
          + (track2 != null ? ", track 2" : "")
          + (jis2 != null ? ", JIS-II" : "")
          + "]";
    }
  }

  /**
   * A bank card with ISO 7813 tracks 1 and 2. The PAN is {@code accountDigits} followed by its Luhn
   * check digit (ISO/IEC 7812-1).
   *
   * @param accountDigits the PAN without its check digit: 12 to 18 digits (IIN and account)
   * @param surname holder's surname, upper case (ISO 7813 name field)
   * @param firstName holder's first name, upper case, or ""
   * @param expiry last month the card is valid
   * @param serviceCode three digits, e.g. "101" (international, normal authorisation)
   */
  public static Card bankCard(
      String accountDigits,
      String surname,
      String firstName,
      YearMonth expiry,
      String serviceCode) {
    if (accountDigits == null || !accountDigits.matches("\\d{12,18}")) {
      throw new IllegalArgumentException("account digits: 12 to 18 digits before the check digit");
    }
    String pan = accountDigits + Pans.luhnCheckDigit(accountDigits);
    return iso7813(pan, surname, firstName, expiry, serviceCode, "");
  }

  /**
   * A card with ISO 7813 tracks 1 (format B) and 2 exactly as given: the PAN is not checked, so a
   * test can also make a card whose check digit is wrong.
   */
  public static Card iso7813(
      String pan,
      String surname,
      String firstName,
      YearMonth expiry,
      String serviceCode,
      String discretionary) {
    if (pan == null || !pan.matches("\\d{8,19}")) {
      throw new IllegalArgumentException("a PAN has 8 to 19 digits (ISO/IEC 7812-1)");
    }
    if (serviceCode == null || !serviceCode.matches("\\d{3}")) {
      throw new IllegalArgumentException("a service code has 3 digits (ISO 7813)");
    }
    if (discretionary == null || !discretionary.matches("\\d*")) {
      throw new IllegalArgumentException("discretionary data: digits only, so both tracks hold it");
    }
    Objects.requireNonNull(expiry, "expiry");
    String name = name(surname, firstName);
    String yymm = String.format("%02d%02d", expiry.getYear() % 100, expiry.getMonthValue());
    String track1 =
        T1_START
            + "B"
            + pan
            + T1_SEPARATOR
            + name
            + T1_SEPARATOR
            + yymm
            + serviceCode
            + discretionary
            + END;
    String track2 = T2_START + pan + T2_SEPARATOR + yymm + serviceCode + discretionary + END;
    if (track1.length() > 78) { // ISO 7813: 79 characters with the LRC
      throw new IllegalArgumentException("track 1 would exceed 79 characters");
    }
    if (track2.length() > 39) { // ISO 7813: 40 characters with the LRC
      throw new IllegalArgumentException("track 2 would exceed 40 characters");
    }
    return new Card(track1, track2, null, pan);
  }

  /** A card with only a JIS-II track (a domestic Japanese cash card). */
  public static Card jis2Only(String data) {
    return new Card(null, null, jis2Track(data), "");
  }

  /**
   * The JIS-II track (JIS X 6302 Type II) holding {@code data}: the DEL start sentinel, the data
   * padded with spaces to {@value #JIS2_DATA_LENGTH} characters, the DEL end sentinel.
   *
   * @throws IllegalArgumentException when the data is longer than 69 characters or holds a
   *     character outside the 7-bit JIS X 0201 set
   */
  public static String jis2Track(String data) {
    if (data == null || data.length() > JIS2_DATA_LENGTH) {
      throw new IllegalArgumentException("JIS-II data has at most 69 characters");
    }
    for (int i = 0; i < data.length(); i++) {
      if (!jis2Char(data.charAt(i))) {
        throw new IllegalArgumentException("JIS-II data character at " + i + " is not 7-bit JIS");
      }
    }
    return JIS2_SENTINEL + data + " ".repeat(JIS2_DATA_LENGTH - data.length()) + JIS2_SENTINEL;
  }

  /** JIS X 0201 7-bit graphic characters and the SO/SI shifts used for katakana. */
  static boolean jis2Char(char c) {
    return (c >= 0x20 && c <= 0x7E) || c == 0x0E || c == 0x0F;
  }

  /** ISO 7813 name field: {@code SURNAME/FIRSTNAME}, 2 to 26 characters of the track 1 set. */
  private static String name(String surname, String firstName) {
    if (surname == null || surname.isBlank()) {
      throw new IllegalArgumentException("a surname is required on track 1");
    }
    String name = firstName == null || firstName.isBlank() ? surname : surname + "/" + firstName;
    if (name.length() < 2 || name.length() > 26) {
      throw new IllegalArgumentException("the track 1 name field has 2 to 26 characters");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c < 0x20 || c > 0x5F || c == T1_START || c == END || c == T1_SEPARATOR) {
        throw new IllegalArgumentException(
            "the track 1 name field takes upper-case letters, digits, space and . / - only");
      }
    }
    return name;
  }
}
