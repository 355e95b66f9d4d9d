package com.kippu.atm.issuing;

import java.util.List;
import java.util.Optional;

/**
 * What the card printer puts on a card's face (S2 ¶24, ¶28, ¶39): text lines, the first a title, in
 * the terminal's language, and an image (the event's art, the issuer's design, a face photo).
 */
public record CardFace(List<String> lines, Optional<byte[]> image) {
  /** Lines a face holds at most (ID-1 card, readable type size). */
  public static final int MAX_LINES = 9;

  public CardFace {
    lines = List.copyOf(lines);
    image = image.map(byte[]::clone);
    if (lines.isEmpty() || lines.size() > MAX_LINES) {
      throw new IllegalArgumentException("a card face holds 1.." + MAX_LINES + " lines");
    }
  }

  @Override
  public Optional<byte[]> image() {
    return image.map(byte[]::clone);
  }
}
