package com.kippu.center.terminal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The terminal request signature: base64 of HMAC-SHA256, under the terminal's secret, over {@code
 * METHOD "\n" PATH "\n" BODY "\n" TIMESTAMP}, where PATH is the raw request path (with {@code
 * ?query} when there is one), BODY the exact body bytes (empty for none) and TIMESTAMP the decimal
 * epoch seconds sent in the timestamp header.
 */
public final class RequestSignature {
  public static final String ALGORITHM = "HmacSHA256";

  private RequestSignature() {}

  /** The bytes that are signed. */
  public static byte[] message(String method, String path, byte[] body, String timestamp) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    out.writeBytes(("\n" + timestamp).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** Base64 (standard, padded) of the HMAC-SHA256 of {@link #message}. */
  public static String sign(
      byte[] secret, String method, String path, byte[] body, String timestamp) {
    return Base64.getEncoder().encodeToString(mac(secret, message(method, path, body, timestamp)));
  }

  /** Compares in constant time; a signature that is not base64 simply does not match. */
  public static boolean matches(
      byte[] secret, String method, String path, byte[] body, String timestamp, String signature) {
    byte[] given;
    try {
      given = Base64.getDecoder().decode(signature.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(secret, message(method, path, body, timestamp)), given);
  }

  private static byte[] mac(byte[] secret, byte[] message) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(secret, ALGORITHM));
      return mac.doFinal(message);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }
}
