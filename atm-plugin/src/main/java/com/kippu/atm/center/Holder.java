package com.kippu.atm.center;

/**
 * The holder of a commuter pass as keyed in at the kiosk (S2 ¶26): the name printed on the card,
 * the phone and address that go to the railway with the sales record. Held in memory for the one
 * sale, never journaled; {@link #toString} shows none of it. The center checks the same limits.
 */
public record Holder(String name, String phone, String address) {
  public static final int MAX_NAME = 40;
  public static final int MAX_PHONE = 20;
  public static final int MAX_ADDRESS = 120;

  public Holder {
    if (!validText(name, MAX_NAME) || !validPhone(phone) || !validText(address, MAX_ADDRESS)) {
      throw new IllegalArgumentException("holder details out of their limits");
    }
    name = name.strip();
    phone = phone.strip();
    address = address.strip();
  }

  /** 1 to {@code max} printable characters. */
  public static boolean validText(String value, int max) {
    return value != null
        && !value.isBlank()
        && value.strip().length() <= max
        && value.chars().noneMatch(Character::isISOControl);
  }

  /** 10 to 20 digits and hyphens, starting and ending with a digit. */
  public static boolean validPhone(String phone) {
    return phone != null && phone.strip().matches("[0-9][0-9-]{8,18}[0-9]");
  }

  @Override
  public String toString() {
    return "Holder[redacted]";
  }
}
