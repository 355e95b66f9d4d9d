package com.kippu.center.reservation;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A payment card number as the center may see it: the first six and last four digits with asterisks
 * between (13-19 characters in all). The center never takes a full card number (PCI DSS 3.4): one
 * is refused before anything is stored, and no message repeats it.
 */
public record MaskedCard(String value) {
  private static final Pattern MASKED = Pattern.compile("\\d{6}\\*{3,9}\\d{4}");
  private static final Pattern DIGIT_RUN = Pattern.compile("(?<!\\d)\\d{13,19}(?!\\d)");

  public MaskedCard {
    Objects.requireNonNull(value, "value");
    if (!MASKED.matcher(value).matches()) {
      throw InvalidPaymentException.invalid(
          "details.maskedCard",
          containsCardNumber(value)
              ? "must be masked (first 6 and last 4 digits); a full card number is refused"
              : "must be the first 6 and last 4 digits with asterisks between");
    }
  }

  /**
   * True when {@code text} holds a run of 13 to 19 digits, not part of a longer one, that passes
   * the Luhn check (ISO/IEC 7812): what may be a full card number.
   */
  public static boolean containsCardNumber(String text) {
    Matcher m = DIGIT_RUN.matcher(text);
    while (m.find()) {
      if (luhn(m.group())) {
        return true;
      }
    }
    return false;
  }

  private static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (twice) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  @Override
  public String toString() {
    return value;
  }
}
