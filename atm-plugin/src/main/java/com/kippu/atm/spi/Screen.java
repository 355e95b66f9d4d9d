package com.kippu.atm.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A screen model the host ATM software renders: the plugin never draws pixels itself. {@code id}
 * names the screen for scripted customers and host-side layouts; {@code choices} are the keys the
 * customer can press; {@code input}, when present, is a field the customer types into (a name, a
 * phone number), answered with {@link Answer#entered}. Texts travel as message keys with arguments
 * ({@code heading}, {@code body}, each choice's {@code text}, the input's prompt) and, for hosts
 * that just show them, rendered in the terminal's language ({@code title}, {@code lines}, each
 * choice's {@code label}, the input's label).
 */
public record Screen(
    String id,
    Text heading,
    List<Text> body,
    List<Choice> choices,
    Duration timeout,
    String title,
    List<String> lines,
    Optional<Input> input) {
  public Screen {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(heading, "heading");
    body = List.copyOf(body);
    choices = List.copyOf(choices);
    Objects.requireNonNull(timeout, "timeout");
    title = title == null ? heading.key() : title;
    lines = lines == null ? body.stream().map(Text::key).toList() : List.copyOf(lines);
    input = input == null ? Optional.empty() : input;
  }

  /** A screen not yet rendered; {@link Messages#render(Screen)} fills in its text. */
  public Screen(String id, Text heading, List<Text> body, List<Choice> choices, Duration timeout) {
    this(id, heading, body, choices, timeout, null, null, Optional.empty());
  }

  public Screen(
      String id,
      Text heading,
      List<Text> body,
      List<Choice> choices,
      Duration timeout,
      String title,
      List<String> lines) {
    this(id, heading, body, choices, timeout, title, lines, Optional.empty());
  }

  /** This screen asking the customer to type into {@code field}. */
  public Screen withInput(Input field) {
    return new Screen(id, heading, body, choices, timeout, title, lines, Optional.of(field));
  }

  /** One selectable answer: the key the host reports back, its text and its rendered label. */
  public record Choice(String key, Text text, String label) {
    public Choice {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(text, "text");
      label = label == null ? text.key() : label;
    }

    public Choice(String key, Text text) {
      this(key, text, null);
    }

    Choice rendered(String label) {
      return new Choice(key, text, label);
    }
  }

  /**
   * A field the customer types into: what to type ({@code prompt}, rendered as {@code label}), at
   * most {@code maxLength} characters, of {@code kind} (a host may offer a phone keypad or a kana
   * keyboard accordingly).
   */
  public record Input(Text prompt, int maxLength, Kind kind, String label) {
    /** What is typed, for the host's keyboard. */
    public enum Kind {
      /** Any text, Japanese included (a name, an address). */
      TEXT,
      /** Digits and hyphens (a phone number). */
      PHONE
    }

    public Input {
      Objects.requireNonNull(prompt, "prompt");
      Objects.requireNonNull(kind, "kind");
      if (maxLength < 1) {
        throw new IllegalArgumentException("an input holds at least one character");
      }
      label = label == null ? prompt.key() : label;
    }

    public Input(Text prompt, int maxLength, Kind kind) {
      this(prompt, maxLength, kind, null);
    }

    Input rendered(String label) {
      return new Input(prompt, maxLength, kind, label);
    }
  }

  Screen rendered(String title, List<String> lines, List<Choice> choices, Optional<Input> input) {
    return new Screen(id, heading, body, choices, timeout, title, lines, input);
  }

  /**
   * The key of the choice that marks a screen's entry field: a host renders a text field (with the
   * choice's text as its label) and answers {@link Answer#entered} with what was typed.
   */
  public static final String ENTRY = "entry";

  /** Whether the screen asks the customer to type text into its entry field. */
  public boolean takesEntry() {
    return offers(ENTRY);
  }

  public boolean offers(String key) {
    return choices.stream().anyMatch(c -> c.key().equals(key));
  }
}
