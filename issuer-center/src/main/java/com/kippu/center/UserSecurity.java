package com.kippu.center;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How registered users and their cards are protected (F9, F12). Keys: {@code center.cards.auth-key}
 * (the issuers' card authentication master key, 64 hex digits, which cards' answers to possession
 * challenges are checked under; none by default, and then no card can be linked to a user or
 * receive a lost card's tickets), {@code center.user.terminal-max-pin-failures} (wrong user PINs
 * one terminal may send in a window before it is blocked for the rest of it, default 10), {@code
 * center.user.terminal-window.minutes} (default 15).
 */
public record UserSecurity(
    Optional<byte[]> cardAuthKey, int terminalMaxPinFailures, Duration terminalWindow) {
  public static final int DEFAULT_TERMINAL_MAX_PIN_FAILURES = 10;
  public static final Duration DEFAULT_TERMINAL_WINDOW = Duration.ofMinutes(15);

  public UserSecurity {
    cardAuthKey = cardAuthKey.map(byte[]::clone);
    if (cardAuthKey.isPresent() && cardAuthKey.get().length != 32) {
      throw new IllegalArgumentException("center.cards.auth-key must be 64 hex digits (32 bytes)");
    }
    if (terminalMaxPinFailures < 1) {
      throw new IllegalArgumentException(
          "center.user.terminal-max-pin-failures must be at least 1");
    }
    if (terminalWindow.isNegative() || terminalWindow.isZero()) {
      throw new IllegalArgumentException("center.user.terminal-window.minutes must be positive");
    }
  }

  @Override
  public Optional<byte[]> cardAuthKey() {
    return cardAuthKey.map(byte[]::clone);
  }

  public static UserSecurity defaults() {
    return new UserSecurity(
        Optional.empty(), DEFAULT_TERMINAL_MAX_PIN_FAILURES, DEFAULT_TERMINAL_WINDOW);
  }

  /** With the card authentication master key {@code hex} (64 hex digits). */
  public UserSecurity withCardAuthKey(String hex) {
    return new UserSecurity(Optional.of(parse(hex)), terminalMaxPinFailures, terminalWindow);
  }

  public UserSecurity withTerminalLimit(int maxFailures, Duration window) {
    return new UserSecurity(cardAuthKey, maxFailures, window);
  }

  static UserSecurity from(java.util.Map<String, String> settings) {
    String key = settings.getOrDefault("center.cards.auth-key", "").strip();
    return new UserSecurity(
        key.isEmpty() ? Optional.empty() : Optional.of(parse(key)),
        CenterSettings.intOf(
            settings, "center.user.terminal-max-pin-failures", DEFAULT_TERMINAL_MAX_PIN_FAILURES),
        Duration.ofMinutes(
            CenterSettings.intOf(
                settings,
                "center.user.terminal-window.minutes",
                (int) DEFAULT_TERMINAL_WINDOW.toMinutes())));
  }

  private static byte[] parse(String hex) {
    if (!hex.matches("[0-9A-Fa-f]{64}")) {
      throw new IllegalArgumentException("center.cards.auth-key must be 64 hex digits (32 bytes)");
    }
    return HexFormat.of().parseHex(hex);
  }

  @Override
  public String toString() {
    return "UserSecurity[card key "
        + (cardAuthKey.isPresent() ? "set" : "none")
        + ", "
        + terminalMaxPinFailures
        + " wrong PINs per terminal per "
        + terminalWindow
        + "]";
  }
}
