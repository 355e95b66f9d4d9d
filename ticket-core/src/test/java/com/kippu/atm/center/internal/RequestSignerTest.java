package com.kippu.atm.center.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestSignerTest {
  private final RequestSigner signer = new RequestSigner("kippu-dev-terminal-secret-ATM00001");
  private static final String NONCE = "n0nce-0123456789abcdef";
  private final byte[] body = "{\"reason\":\"customer left\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void matchesTheCentersPublishedExample() {
    // The example of the center's openapi.yaml, computed there independently.
    assertEquals(
        "k3cIzsfgrtUnnpOLD13QETyEKct5Lz+N48i0JXj/vbU=",
        signer.sign("POST", "/v1/reservations/R7K2M9Q4XZ1/cancel", body, 1796086800L, NONCE));
  }

  @Test
  void anyChangedByteChangesTheSignature() {
    String good =
        signer.sign("POST", "/v1/reservations/R7K2M9Q4XZ1/cancel", body, 1796086800L, NONCE);
    body[3] ^= 1;

    assertNotEquals(
        good, signer.sign("POST", "/v1/reservations/R7K2M9Q4XZ1/cancel", body, 1796086800L, NONCE));
  }
}
