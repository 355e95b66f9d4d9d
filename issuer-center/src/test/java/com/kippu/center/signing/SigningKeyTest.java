package com.kippu.center.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

/** The fast signer must produce the JDK's Ed25519 bytes exactly: verifiers never notice. */
class SigningKeyTest {
  @Test
  void signsTheSameBytesAsTheJdk() {
    KeyPair keys = Ed25519.generate();
    SigningKey key = new SigningKey("issuer#1", keys.getPrivate());
    for (int size : new int[] {0, 1, 64, 700, 5_000}) {
      byte[] payload = "x".repeat(size).getBytes(StandardCharsets.UTF_8);
      SignedDocument signed = key.sign(payload);
      assertArrayEquals(Ed25519.sign(keys.getPrivate(), payload), signed.signature());
      assertTrue(Ed25519.verify(signed, keys.getPublic()));
    }
  }

  @Test
  void aKeyReadBackFromTheStoreSignsAlike() {
    KeyPair keys = Ed25519.generate();
    byte[] payload = "{\"ticketNumber\":\"T1\"}".getBytes(StandardCharsets.UTF_8);
    SigningKey stored =
        new SigningKey("issuer#1", Ed25519.privateKey(keys.getPrivate().getEncoded()));
    assertArrayEquals(Ed25519.sign(keys.getPrivate(), payload), stored.sign(payload).signature());
  }
}
