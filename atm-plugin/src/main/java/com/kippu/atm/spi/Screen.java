package com.kippu.atm.spi;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A screen model the host ATM software renders: the plugin never draws pixels itself. {@code id}
 * names the screen for scripted customers and host-side layouts; {@code choices} are the keys the
 * customer can press.
 */
public record Screen(
    String id, String title, List<String> lines, List<Choice> choices, Duration timeout) {
  public Screen {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(title, "title");
    lines = List.copyOf(lines);
    choices = List.copyOf(choices);
    Objects.requireNonNull(timeout, "timeout");
  }

  /** One selectable answer: the key the host reports back and the label it shows. */
  public record Choice(String key, String label) {}

  public boolean offers(String key) {
    return choices.stream().anyMatch(c -> c.key().equals(key));
  }
}
