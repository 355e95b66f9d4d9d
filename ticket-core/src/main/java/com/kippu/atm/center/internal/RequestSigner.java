package com.kippu.atm.center.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs requests to the issuer center with the terminal's secret: HMAC-SHA256 over {@code METHOD \n
 * PATH \n BODY \n TIMESTAMP \n NONCE}, as the center's openapi.yaml specifies; the center accepts a
 * nonce once. The secret never leaves this object.
 */
public final class RequestSigner {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;

  public RequestSigner(String terminalSecret) {
    if (terminalSecret.length() < 16) {
      throw new IllegalArgumentException("terminal secret needs at least 16 characters");
    }
    this.key = new SecretKeySpec(terminalSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** A fresh X-Kippu-Nonce value: 128 random bits, base64url. */
  public static String newNonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /**
   * The X-Kippu-Signature value for one request; {@code pathAndQuery} is the raw request target,
   * {@code nonce} the X-Kippu-Nonce value sent with it.
   */
  public String sign(
      String method, String pathAndQuery, byte[] body, long epochSeconds, String nonce) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((method + "\n" + pathAndQuery + "\n").getBytes(StandardCharsets.UTF_8));
      mac.update(body);
      mac.update(("\n" + epochSeconds + "\n" + nonce).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
