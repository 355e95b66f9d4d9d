package com.kippu.atm.spi;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A translatable piece of screen text: a message key of the plugin's bundles and its arguments,
 * kept as values (amounts as {@link com.kippu.atm.payment.Money}, times as {@link
 * java.time.LocalDateTime} in the terminal's zone, seats as {@link SeatName}, nested texts) so a
 * host can render them in any language with {@link Messages}.
 */
public record Text(String key, List<Object> args) {
  /** The key of a text shown as it is (names from the catalog, ids). */
  public static final String PLAIN = "plain";

  public Text {
    Objects.requireNonNull(key, "key");
    args = List.copyOf(args);
  }

  public static Text of(String key, Object... args) {
    return new Text(key, Arrays.asList(args));
  }

  /** Text from data, the same in every language (an event title, a reservation number). */
  public static Text plain(String text) {
    return of(PLAIN, text);
  }
}
