package com.kippu.atm.spi;

import com.kippu.atm.center.Seating;
import com.kippu.atm.payment.Money;
import java.text.MessageFormat;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;

/**
 * Renders {@link Text} in one language from the plugin's bundles ({@code screens.properties},
 * English, and {@code screens_ja.properties}), formatting amounts, times and seat names the way
 * that language writes them. Japanese is the default for a Japanese terminal.
 */
public final class Messages {
  private static final String BUNDLE = "com.kippu.atm.spi.screens";

  private final Locale locale;
  private final ResourceBundle bundle;
  private final boolean japanese;
  private final DateTimeFormatter minutes;
  private final DateTimeFormatter days;

  private Messages(Locale locale) {
    this.locale = locale;
    this.bundle = ResourceBundle.getBundle(BUNDLE, locale, Control.ROOT_FALLBACK);
    this.japanese = "ja".equals(locale.getLanguage());
    this.minutes =
        DateTimeFormatter.ofPattern(japanese ? "yyyy年M月d日 H:mm" : "yyyy-MM-dd HH:mm", locale);
    this.days = DateTimeFormatter.ofPattern(japanese ? "yyyy年M月d日" : "yyyy-MM-dd", locale);
  }

  public static Messages of(Locale locale) {
    return new Messages(locale);
  }

  public Locale locale() {
    return locale;
  }

  public String render(Text text) {
    String pattern;
    try {
      pattern = bundle.getString(text.key());
    } catch (MissingResourceException e) {
      throw new IllegalArgumentException("no screen text " + text.key() + " for " + locale, e);
    }
    Object[] args = text.args().stream().map(this::format).toArray();
    return new MessageFormat(pattern, locale).format(args);
  }

  private String format(Object arg) {
    if (arg instanceof Text t) {
      return render(t);
    }
    if (arg instanceof Money m) {
      String amount = NumberFormat.getIntegerInstance(Locale.ROOT).format(m.yen());
      return japanese ? amount + "円" : "JPY " + amount;
    }
    if (arg instanceof LocalDateTime t) {
      return minutes.format(t);
    }
    if (arg instanceof LocalDate d) {
      return days.format(d);
    }
    if (arg instanceof SeatName s) {
      return switch (s.seating()) {
        case VENUE ->
            render(Text.of("seat.name", s.section(), s.row(), Integer.toString(s.number())));
        case CAR ->
            render(Text.of("seat.name.car", s.section(), s.row(), Seating.letter(s.number())));
      };
    }
    return String.valueOf(arg);
  }

  /** The screen with its title, lines and choice labels rendered in this language. */
  public Screen render(Screen screen) {
    return screen.rendered(
        render(screen.heading()),
        screen.body().stream().map(this::render).toList(),
        screen.choices().stream().map(c -> c.rendered(render(c.text()))).toList(),
        screen.input().map(i -> i.rendered(render(i.prompt()))));
  }

  /** A customer terminal that receives every screen rendered in this language. */
  public CustomerTerminal rendering(CustomerTerminal host) {
    return new CustomerTerminal() {
      @Override
      public Answer show(Screen screen) {
        return host.show(render(screen));
      }

      @Override
      public void inform(Screen screen) {
        host.inform(render(screen));
      }
    };
  }

  /** Falls back to the root (English) bundle, never to the JVM's default locale. */
  private static final class Control extends ResourceBundle.Control {
    static final Control ROOT_FALLBACK = new Control();

    @Override
    public Locale getFallbackLocale(String baseName, Locale locale) {
      return null;
    }

    @Override
    public List<String> getFormats(String baseName) {
      return FORMAT_PROPERTIES;
    }
  }
}
