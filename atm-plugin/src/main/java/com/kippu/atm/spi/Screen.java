package com.kippu.atm.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A screen model the host ATM software renders: the plugin never draws pixels itself. {@code id}
 * names the screen for scripted customers and host-side layouts; {@code choices} are the keys the
 * customer can press. Texts travel as message keys with arguments ({@code heading}, {@code body},
 * each choice's {@code text}) and, for hosts that just show them, rendered in the terminal's
 * language ({@code title}, {@code lines}, each choice's {@code label}).
 */
public record Screen(
    String id,
    Text heading,
    List<Text> body,
    List<Choice> choices,
    Duration timeout,
    String title,
    List<String> lines) {
  public Screen {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(heading, "heading");
    body = List.copyOf(body);
    choices = List.copyOf(choices);
    Objects.requireNonNull(timeout, "timeout");
    title = title == null ? heading.key() : title;
    lines = lines == null ? body.stream().map(Text::key).toList() : List.copyOf(lines);
  }

  /** A screen not yet rendered; {@link Messages#render(Screen)} fills in its text. */
  public Screen(String id, Text heading, List<Text> body, List<Choice> choices, Duration timeout) {
    this(id, heading, body, choices, timeout, null, null);
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

  Screen rendered(String title, List<String> lines, List<Choice> choices) {
    return new Screen(id, heading, body, choices, timeout, title, lines);
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
