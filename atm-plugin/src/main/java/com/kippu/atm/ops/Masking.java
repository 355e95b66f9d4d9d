package com.kippu.atm.ops;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The last guard before a record is printed or exported: a card number (13 to 19 digits standing
 * alone, not part of an id such as a session's) or a full account number ({@code bank-branch-7
 * digits}) that reached a journal by mistake is shown with its last four digits only. Values the
 * journal keeps are masked already; this only makes sure.
 */
public final class Masking {
  private static final Pattern CARD = Pattern.compile("(?<![\\w-])\\d{9,15}(\\d{4})(?![\\w-])");
  private static final Pattern ACCOUNT =
      Pattern.compile("(?<![\\d-])(\\d{4}-\\d{3}-)\\d{3}(\\d{4})(?![\\d-])");

  private Masking() {}

  /** {@code text} with every card and full account number masked. */
  public static String text(String text) {
    if (text == null) {
      return "";
    }
    Matcher account = ACCOUNT.matcher(text);
    String masked = account.replaceAll("$1***$2");
    Matcher card = CARD.matcher(masked);
    StringBuilder b = new StringBuilder();
    while (card.find()) {
      int hidden = card.group().length() - 4;
      card.appendReplacement(b, "*".repeat(hidden) + card.group(1));
    }
    card.appendTail(b);
    return b.toString();
  }
}
