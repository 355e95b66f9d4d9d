package com.kippu.simulator;

import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * The simulator's host shell screen: renders screen models as text and reads the customer's key
 * from the console. Choices are numbered; a screen with an input field takes the line typed; an
 * empty line or end of input cancels.
 */
final class ConsoleCustomer implements CustomerTerminal {
  private final BufferedReader in;
  private final PrintStream out;

  ConsoleCustomer(BufferedReader in, PrintStream out) {
    this.in = in;
    this.out = out;
  }

  @Override
  public Answer show(Screen shown) {
    Screen screen = EntryScreens.withField(shown);
    render(screen);
    if (screen.input().isPresent()) {
      return typed(screen.input().get());
    }
    for (int i = 0; i < screen.choices().size(); i++) {
      out.printf("  [%d] %s%n", i + 1, screen.choices().get(i).label());
    }
    while (true) {
      out.print("> ");
      out.flush();
      String line = readLine();
      if (line == null) {
        out.println();
        return Answer.cancel();
      }
      if (line.isBlank()) {
        return Answer.cancel();
      }
      try {
        int n = Integer.parseInt(line.trim());
        if (n >= 1 && n <= screen.choices().size()) {
          return Answer.chose(screen.choices().get(n - 1).key());
        }
      } catch (NumberFormatException e) {
        // fall through to the hint below
      }
      out.println("  Please type a number from 1 to " + screen.choices().size() + ".");
    }
  }

  /** The customer types a line into the screen's field; an empty line or end of input cancels. */
  private Answer typed(Screen.Input field) {
    out.println("  " + field.label() + " (Enter to confirm, empty to cancel)");
    out.print("> ");
    out.flush();
    String line = readLine();
    if (line == null || line.isBlank()) {
      return Answer.cancel();
    }
    return Answer.entered(line.strip());
  }

  @Override
  public void inform(Screen screen) {
    render(screen);
  }

  private void render(Screen screen) {
    out.println();
    out.println("=== " + screen.title() + " ===");
    screen.lines().forEach(l -> out.println("  " + l));
  }

  private String readLine() {
    try {
      return in.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException("console input failed", e);
    }
  }
}
