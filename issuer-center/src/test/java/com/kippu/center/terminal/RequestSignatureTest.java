package com.kippu.center.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The signature scheme against a vector computed independently (Python's hmac module). */
class RequestSignatureTest {
  private static final byte[] SECRET =
      "kippu-dev-terminal-secret-ATM00001".getBytes(StandardCharsets.UTF_8);
  private static final byte[] BODY =
      "{\"reason\":\"customer left\"}".getBytes(StandardCharsets.UTF_8);
  private static final String PATH = "/v1/reservations/R7K2M9Q4XZ1/cancel";
  private static final String NONCE = "n0nce-0123456789abcdef";

  @Test
  void matchesTheReferenceVector() {
    assertEquals(
        "k3cIzsfgrtUnnpOLD13QETyEKct5Lz+N48i0JXj/vbU=",
        RequestSignature.sign(SECRET, "POST", PATH, BODY, "1796086800", NONCE));
  }

  @Test
  void anyChangeBreaksTheSignature() {
    String sig = RequestSignature.sign(SECRET, "POST", PATH, BODY, "1796086800", NONCE);
    assertTrue(RequestSignature.matches(SECRET, "POST", PATH, BODY, "1796086800", NONCE, sig));
    assertFalse(RequestSignature.matches(SECRET, "GET", PATH, BODY, "1796086800", NONCE, sig));
    assertFalse(
        RequestSignature.matches(
            SECRET, "POST", PATH.replace("R7", "R8"), BODY, "1796086800", NONCE, sig));
    assertFalse(
        RequestSignature.matches(
            SECRET,
            "POST",
            PATH,
            "{\"reason\":\"x\"}".getBytes(StandardCharsets.UTF_8),
            "1796086800",
            NONCE,
            sig));
    assertFalse(RequestSignature.matches(SECRET, "POST", PATH, BODY, "1796086801", NONCE, sig));
    assertFalse(
        RequestSignature.matches(SECRET, "POST", PATH, BODY, "1796086800", NONCE + "x", sig));
    assertFalse(
        RequestSignature.matches(SECRET, "POST", PATH, BODY, "1796086800", NONCE, "not base64!"));
  }
}
