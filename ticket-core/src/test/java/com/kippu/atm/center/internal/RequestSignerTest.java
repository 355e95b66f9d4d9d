package com.kippu.atm.center.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestSignerTest {
  private final RequestSigner signer = new RequestSigner("kippu-dev-terminal-secret-ATM00001");
  private final byte[] body = "{\"reason\":\"customer left\"}".getBytes(StandardCharsets.UTF_8);

  @Test
  void matchesTheCentersPublishedExample() {
    // The example of the center's openapi.yaml, computed there independently.
    assertEquals(
        "pVuy7VM7JAVGV3c+DBXmwkJu9xBuN898Nfrd+W+tc1A=",
        signer.sign("POST", "/v1/reservations/R7K2M9Q4XZ1/cancel", body, 1796086800L));
  }

  @Test
  void anyChangedByteChangesTheSignature() {
    String good = signer.sign("POST", "/v1/reservations/R7K2M9Q4XZ1/cancel", body, 1796086800L);
    body[3] ^= 1;

    assertNotEquals(
        good, signer.sign("POST", "/v1/reservations/R7K2M9Q4XZ1/cancel", body, 1796086800L));
  }
}
