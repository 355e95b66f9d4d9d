package com.kippu.iso8583.spec;

/** ISO 8583 attribute character sets, as the spec pages abbreviate them. */
public enum Charset {
  /** Digits 0-9. */
  N("n"),
  /** Letters and digits. */
  AN("an"),
  /** Letters, digits, space and printable special characters (ASCII 0x20-0x7E). */
  ANS("ans"),
  /** Binary; on these links each byte travels as two hex characters. */
  B("b");

  private final String code;

  Charset(String code) {
    this.code = code;
  }

  public String code() {
    return code;
  }

  /** True when every character of {@code value} belongs to this set (not used for {@link #B}). */
  boolean admits(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          switch (this) {
            case N -> c >= '0' && c <= '9';
            case AN -> (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
            case ANS, B -> c >= 0x20 && c <= 0x7E;
          };
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
