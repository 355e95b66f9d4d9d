package com.kippu.center.verify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Card-access certificates (S1 ¶41, claim 12): the center's root key vouches for a terminal's or
 * gate's X25519 key, and cards personalised with the root key hand their access information (the
 * key of their write-once area) only to a holder of such a certificate. Layout of what is signed:
 * {@code kippu/card-access-cert/v1} | holder length (1) | holder (ASCII) | public key (32, raw);
 * the certificate as installed: holder length | holder | public key | signature (64). The card OS
 * and the terminals read the same layout.
 */
public final class CardAccessCertificates {
  private static final byte[] LABEL =
      "kippu/card-access-cert/v1".getBytes(StandardCharsets.US_ASCII);
  private static final int KEY = 32;

  private final CenterKeys root;

  public CardAccessCertificates(CenterKeys root) {
    this.root = root;
  }

  /**
   * The certificate of {@code holder}'s key {@code x25519PublicKey} (32 raw bytes).
   *
   * @throws IllegalArgumentException for a holder that is not 1-64 printable ASCII characters or a
   *     key that is not 32 bytes
   */
  public byte[] certify(String holder, byte[] x25519PublicKey) {
    if (holder.isEmpty() || holder.length() > 64 || !holder.matches("[\\x21-\\x7E]+")) {
      throw new IllegalArgumentException("holder must be 1-64 printable characters");
    }
    if (x25519PublicKey.length != KEY) {
      throw new IllegalArgumentException("an X25519 public key is 32 bytes");
    }
    byte[] id = holder.getBytes(StandardCharsets.US_ASCII);
    byte[] signed =
        ByteBuffer.allocate(LABEL.length + 1 + id.length + KEY)
            .put(LABEL)
            .put((byte) id.length)
            .put(id)
            .put(x25519PublicKey)
            .array();
    byte[] signature = root.signingKey().sign(signed).signature();
    return ByteBuffer.allocate(1 + id.length + KEY + signature.length)
        .put((byte) id.length)
        .put(id)
        .put(x25519PublicKey)
        .put(signature)
        .array();
  }
}
