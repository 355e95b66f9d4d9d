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
 * METHOD "\n" PATH "\n" BODY "\n" TIMESTAMP "\n" NONCE}, where PATH is the raw request path (with
 * {@code ?query} when there is one), BODY the exact body bytes (empty for none), TIMESTAMP the
 * decimal epoch seconds sent in the timestamp header and NONCE the request's one-time value sent in
 * the nonce header (16 to 64 of {@code A-Z a-z 0-9 _ -}).
 */
public final class RequestSignature {
  public static final String ALGORITHM = "HmacSHA256";

  /** A Mac per thread: looking the algorithm up costs more than the HMAC of a small request. */
  private static final ThreadLocal<Mac> MACS =
      ThreadLocal.withInitial(
          () -> {
            try {
              return Mac.getInstance(ALGORITHM);
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException("HMAC-SHA256 unavailable", e);
            }
          });

  private static final java.util.regex.Pattern NONCE =
      java.util.regex.Pattern.compile("[A-Za-z0-9_-]{16,64}");
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  private RequestSignature() {}

  /** True when {@code nonce} has the form the nonce header needs. */
  public static boolean validNonce(String nonce) {
    return nonce != null && NONCE.matcher(nonce).matches();
  }

  /** A fresh random nonce (128 bits, base64url). */
  public static String newNonce() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The bytes that are signed. */
  public static byte[] message(
      String method, String path, byte[] body, String timestamp, String nonce) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes((method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(body);
    out.writeBytes(("\n" + timestamp + "\n" + nonce).getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /** Base64 (standard, padded) of the HMAC-SHA256 of {@link #message}. */
  public static String sign(
      byte[] secret, String method, String path, byte[] body, String timestamp, String nonce) {
    return Base64.getEncoder().encodeToString(mac(secret, method, path, body, timestamp, nonce));
  }

  /** Compares in constant time; a signature that is not base64 simply does not match. */
  public static boolean matches(
      byte[] secret,
      String method,
      String path,
      byte[] body,
      String timestamp,
      String nonce,
      String signature) {
    byte[] given;
    try {
      given = Base64.getDecoder().decode(signature.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
    return MessageDigest.isEqual(mac(secret, method, path, body, timestamp, nonce), given);
  }

  /** The HMAC of {@link #message}, fed in pieces so the body is not copied. */
  private static byte[] mac(
      byte[] secret, String method, String path, byte[] body, String timestamp, String nonce) {
    Mac mac = MACS.get();
    try {
      mac.init(new SecretKeySpec(secret, ALGORITHM));
    } catch (InvalidKeyException e) {
      throw new IllegalStateException("unusable terminal secret", e);
    }
    mac.update((method + "\n" + path + "\n").getBytes(StandardCharsets.UTF_8));
    mac.update(body);
    mac.update(("\n" + timestamp + "\n" + nonce).getBytes(StandardCharsets.UTF_8));
    return mac.doFinal();
  }
}
