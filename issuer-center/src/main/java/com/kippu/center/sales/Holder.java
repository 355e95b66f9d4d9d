package com.kippu.center.sales;

import java.util.Objects;

/**
 * The holder of a commuter pass as keyed in at the kiosk (S2 ¶26): name (as it is printed on the
 * card), phone and address, which go to the railway with the sales record (S2 ¶29) and nowhere
 * else. {@link #toString} shows none of them.
 */
public record Holder(String name, String phone, String address) {
  public static final int MAX_NAME = 40;
  public static final int MAX_PHONE = 20;
  public static final int MAX_ADDRESS = 120;

  public Holder {
    name = checked("name", name, MAX_NAME);
    phone = checked("phone", phone, MAX_PHONE);
    address = checked("address", address, MAX_ADDRESS);
    if (!phone.matches("[0-9][0-9-]{8,18}[0-9]")) {
      throw new IllegalArgumentException("phone must be 10 to 20 digits and hyphens");
    }
  }

  private static String checked(String field, String value, int max) {
    Objects.requireNonNull(value, field);
    String v = value.strip();
    if (v.isEmpty() || v.length() > max || v.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(field + " must be 1 to " + max + " printable characters");
    }
    return v;
  }

  @Override
  public String toString() {
    return "Holder[redacted]";
  }
}
