package com.kippu.center.issuer;

import java.util.Objects;
import java.util.Set;

/** The picture an issuer wants printed on the card face (S2 ¶21): PNG or JPEG, at most 32 KiB. */
public record EventImage(String contentType, byte[] bytes) {
  public static final int MAX_BYTES = 32 * 1024;
  private static final Set<String> TYPES = Set.of("image/png", "image/jpeg");

  public EventImage {
    Objects.requireNonNull(contentType, "contentType");
    if (!TYPES.contains(contentType)) {
      throw new IllegalArgumentException("image must be image/png or image/jpeg");
    }
    if (bytes.length == 0 || bytes.length > MAX_BYTES) {
      throw new IllegalArgumentException("image must be 1 to " + MAX_BYTES + " bytes");
    }
    bytes = bytes.clone();
  }

  @Override
  public byte[] bytes() {
    return bytes.clone();
  }
}
