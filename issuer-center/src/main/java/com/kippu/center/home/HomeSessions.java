package com.kippu.center.home;

import com.kippu.center.user.UserId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Logged-in home PC sessions, kept in the database so that every center node answers a session any
 * node opened. The database never holds what would let someone reading it act as the user: the
 * session is found by a hash of its token, and the stored card (unsealed from the password at
 * login) is sealed again under a key derived from the token, which only the home PC holds.
 */
public final class HomeSessions {
  private static final Base64.Encoder TOKENS = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder TOKEN_BYTES = Base64.getUrlDecoder();
  private static final int TOKEN_BYTES_LENGTH = 24;
  private static final int NONCE = 12;

  private final HomeRepository repository;
  private final SecureRandom random;

  HomeSessions(HomeRepository repository, SecureRandom random) {
    this.repository = repository;
    this.random = random;
  }

  /** A session as stored: no token, no card in clear. */
  public record Stored(
      byte[] tokenHash, UserId userId, String maskedCard, Instant expiresAt, byte[] cardSealed) {
    @Override
    public String toString() {
      return "Stored[" + userId + ", " + maskedCard + ", until " + expiresAt + "]";
    }
  }

  /** Opens a session for {@code userId} with its stored card; the token goes to the home PC. */
  HomeService.Session open(
      UserId userId, String maskedCard, Instant expiresAt, String cardNumber, String cardExpiry) {
    byte[] token = new byte[TOKEN_BYTES_LENGTH];
    random.nextBytes(token);
    byte[] card = (cardNumber + "|" + cardExpiry).getBytes(StandardCharsets.US_ASCII);
    repository.saveSession(
        new Stored(hash(token), userId, maskedCard, expiresAt, seal(token, card)), expiresAt);
    return new HomeService.Session(
        TOKENS.encodeToString(token), userId, maskedCard, expiresAt, cardNumber, cardExpiry);
  }

  /** The session of {@code token} while it lasts, whichever node opened it. */
  Optional<HomeService.Session> find(String token, Instant now) {
    byte[] bytes = decode(token);
    if (bytes == null) {
      return Optional.empty();
    }
    Optional<Stored> stored = repository.session(hash(bytes));
    if (stored.isEmpty() || !now.isBefore(stored.get().expiresAt())) {
      return Optional.empty();
    }
    String[] card;
    try {
      card =
          new String(unseal(bytes, stored.get().cardSealed()), StandardCharsets.US_ASCII)
              .split("\\|");
    } catch (GeneralSecurityException e) {
      return Optional.empty(); // not this token's row: a hash collision or a tampered row
    }
    Stored s = stored.get();
    return Optional.of(
        new HomeService.Session(
            token, s.userId(), s.maskedCard(), s.expiresAt(), card[0], card[1]));
  }

  private static byte[] decode(String token) {
    if (token == null || token.length() > 64) {
      return null;
    }
    try {
      byte[] bytes = TOKEN_BYTES.decode(token);
      return bytes.length == TOKEN_BYTES_LENGTH ? bytes : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static byte[] hash(byte[] token) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update("kippu home session id v1".getBytes(StandardCharsets.US_ASCII));
      return sha.digest(token);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static SecretKeySpec cardKey(byte[] token) throws GeneralSecurityException {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(token, "HmacSHA256"));
    byte[] key = mac.doFinal("kippu home session card v1".getBytes(StandardCharsets.US_ASCII));
    return new SecretKeySpec(key, "AES");
  }

  private byte[] seal(byte[] token, byte[] plain) {
    byte[] nonce = new byte[NONCE];
    random.nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, cardKey(token), new GCMParameterSpec(128, nonce));
      byte[] sealed = c.doFinal(plain);
      byte[] out = Arrays.copyOf(nonce, NONCE + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private static byte[] unseal(byte[] token, byte[] sealed) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(Cipher.DECRYPT_MODE, cardKey(token), new GCMParameterSpec(128, sealed, 0, NONCE));
    return c.doFinal(sealed, NONCE, sealed.length - NONCE);
  }
}
