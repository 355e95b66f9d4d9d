package com.kippu.atm.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.kippu.atm.payment.Money;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class MessagesTest {
  private final Messages en = Messages.of(Locale.ENGLISH);
  private final Messages ja = Messages.of(Locale.JAPANESE);

  private static Properties bundle(String name) throws IOException {
    Properties p = new Properties();
    try (InputStream in = Messages.class.getResourceAsStream(name)) {
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    }
    return p;
  }

  @Test
  void japaneseAndEnglishBundlesHaveTheSameKeys() throws IOException {
    assertEquals(
        bundle("screens.properties").stringPropertyNames(),
        bundle("screens_ja.properties").stringPropertyNames());
  }

  @Test
  void amountsTimesAndSeatsAreWrittenTheWayEachLanguageWritesThem() {
    Text text = Text.of("choose-payment.amount", Money.yen(8_800), "R-1");
    assertEquals("Amount JPY 8,800, reservation R-1", en.render(text));
    assertEquals("金額 8,800円　予約番号 R-1", ja.render(text));
    Text held = Text.of("choose-payment.held", LocalDateTime.of(2026, 12, 24, 18, 5));
    assertEquals("Seats held until 2026-12-24 18:05", en.render(held));
    assertEquals("座席の確保は 2026年12月24日 18:05 まで", ja.render(held));
    Text seat = Text.of("choose-payment.seat", new SeatName("A", "3", 7));
    assertEquals("Sec A Row 3 Seat 7", en.render(seat));
    assertEquals("Aブロック 3列 7番", ja.render(seat));
    Text train =
        Text.of("choose-payment.seat", new SeatName(com.kippu.atm.center.Seating.CAR, "7", "3", 4));
    assertEquals("Car 7 Row 3 Seat D", en.render(train));
    assertEquals("7号車 3番D席", ja.render(train));
  }

  @Test
  void renderedScreenKeepsItsKeysForHostsThatTranslateThemselves() {
    Screen screen =
        new Screen(
            "sold-out",
            Text.of("sold-out.title"),
            List.of(Text.of("sold-out.line", "Gala")),
            List.of(new Screen.Choice("cancel", Text.of("choice.cancel"))),
            Duration.ZERO);

    Screen shown = ja.render(screen);

    assertEquals("売り切れ", shown.title());
    assertEquals(List.of("Galaは空席がありません。"), shown.lines());
    assertEquals("取消", shown.choices().get(0).label());
    assertEquals("sold-out.line", shown.body().get(0).key());
  }

  @Test
  void unknownKeyIsAnErrorNamingIt() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> en.render(Text.of("no.such.key")));
    assertEquals("no screen text no.such.key for en", e.getMessage());
  }
}
