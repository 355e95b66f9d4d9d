package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.Text;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An entry screen's field is typed into at the console, not offered as a numbered choice. */
class EntryScreensTest {
  private static final Screen ENTRY =
      new Screen(
          "register-user-id",
          Text.plain("Choose a user ID"),
          List.of(),
          List.of(
              new Screen.Choice(Screen.ENTRY, Text.plain("User ID"), "User ID"),
              new Screen.Choice("cancel", Text.plain("Cancel"), "Cancel")),
          Duration.ofMinutes(1));

  @Test
  void theConsoleCustomerTypesIntoAnEntryScreen() {
    ByteArrayOutputStream shown = new ByteArrayOutputStream();
    ConsoleCustomer console =
        new ConsoleCustomer(
            new BufferedReader(new StringReader("taro0042\n")),
            new PrintStream(shown, true, StandardCharsets.UTF_8));

    assertEquals("taro0042", console.show(ENTRY).entry().orElseThrow());
    assertEquals(
        true,
        shown.toString(StandardCharsets.UTF_8).contains("User ID (Enter to confirm"),
        shown.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aScreenWithoutAnEntryChoiceStaysAsItIs() {
    Screen choices =
        new Screen(
            "select-event",
            Text.plain("Choose"),
            List.of(),
            List.of(new Screen.Choice("evt-1", Text.plain("Gala"), "Gala")),
            Duration.ofMinutes(1));

    assertSame(choices, EntryScreens.withField(choices));
    assertEquals(
        List.of("cancel"),
        EntryScreens.withField(ENTRY).choices().stream().map(Screen.Choice::key).toList());
  }
}
