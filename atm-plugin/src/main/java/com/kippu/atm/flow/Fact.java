package com.kippu.atm.flow;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * A typed key of the journal's facts. The journal stores strings; each session part declares the
 * facts it owns as constants of this type, so a key is spelt once and read back as what it was
 * written as. Keys never change: journals written by an earlier release must still recover.
 *
 * @param <T> the value's type
 */
public final class Fact<T> {
  private final String key;
  private final Function<T, String> write;
  private final Function<String, T> read;

  private Fact(String key, Function<T, String> write, Function<String, T> read) {
    this.key = Objects.requireNonNull(key, "key");
    this.write = write;
    this.read = read;
  }

  public static <T> Fact<T> of(String key, Function<T, String> write, Function<String, T> read) {
    return new Fact<>(key, write, read);
  }

  public static Fact<String> text(String key) {
    return new Fact<>(key, Function.identity(), Function.identity());
  }

  public static Fact<Boolean> flag(String key) {
    return new Fact<>(key, b -> Boolean.toString(b), Boolean::parseBoolean);
  }

  public static Fact<Long> number(String key) {
    return new Fact<>(key, l -> Long.toString(l), Long::parseLong);
  }

  public static Fact<Instant> instant(String key) {
    return new Fact<>(key, Instant::toString, Instant::parse);
  }

  public String key() {
    return key;
  }

  /** Writes {@code value} into {@code facts}; an absent value writes nothing. */
  public void put(Map<String, String> facts, T value) {
    if (value != null) {
      facts.put(key, write.apply(value));
    }
  }

  public Optional<T> in(Map<String, String> facts) {
    String raw = facts.get(key);
    return raw == null ? Optional.empty() : Optional.of(read.apply(raw));
  }

  /** The value, or an exception naming the missing key (a journal written by a defective run). */
  public T required(Map<String, String> facts) {
    return in(facts)
        .orElseThrow(() -> new IllegalStateException("journal facts lack " + key + ": " + facts));
  }

  public boolean isIn(Map<String, String> facts) {
    return facts.containsKey(key);
  }

  @Override
  public String toString() {
    return key;
  }
}
