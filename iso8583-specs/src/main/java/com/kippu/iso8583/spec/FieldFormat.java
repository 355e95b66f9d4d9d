package com.kippu.iso8583.spec;

import java.util.Objects;

/**
 * A data element's attributes: character set, length and whether the length is fixed or carried in
 * an LL or LLL prefix (ISO 8583:1987 notation {@code n6}, {@code LLn..19}, {@code LLLans..999}).
 *
 * @param prefixDigits 0 for fixed length, 2 for LL, 3 for LLL
 */
public record FieldFormat(Charset charset, int length, int prefixDigits) {
  public FieldFormat {
    Objects.requireNonNull(charset, "charset");
    if (length < 1) {
      throw new IllegalArgumentException("length must be positive: " + length);
    }
    if (prefixDigits != 0 && prefixDigits != 2 && prefixDigits != 3) {
      throw new IllegalArgumentException("prefix must be 0, 2 or 3 digits: " + prefixDigits);
    }
  }

  public static FieldFormat fixed(Charset charset, int length) {
    return new FieldFormat(charset, length, 0);
  }

  public static FieldFormat ll(Charset charset, int max) {
    return new FieldFormat(charset, max, 2);
  }

  public static FieldFormat lll(Charset charset, int max) {
    return new FieldFormat(charset, max, 3);
  }

  public boolean variable() {
    return prefixDigits > 0;
  }

  /** The notation used in the spec pages, e.g. {@code n6}, {@code LLans..28}, {@code b8 (hex)}. */
  public String notation() {
    String base = charset.code() + (variable() ? ".." : "") + length;
    String prefix = "L".repeat(prefixDigits);
    return prefix + base + (charset == Charset.B ? " (hex)" : "");
  }
}
