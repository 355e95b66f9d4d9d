package com.kippu.center.terminal;

import com.kippu.center.reservation.TerminalId;
import com.kippu.center.user.AccountPan;
import com.kippu.center.user.Pin;
import com.kippu.center.user.PinBlocks;
import com.kippu.center.user.UserId;
import com.kippu.center.user.UserPan;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * User PINs never travel in clear (S2 ¶38): a terminal's PIN pad encrypts them as ISO 9564-1 format
 * 0 blocks under a PIN key the center gives it, in the master/session scheme the bank host uses.
 * Each terminal's PIN pad holds a center master key, installed with it and derived from the
 * terminal's center secret: HMAC-SHA256(secret, {@value #MASTER_LABEL}), first 16 bytes. The center
 * makes a fresh random PIN key on request, stores it only under that master key, and hands it out
 * the same way, with its check value; the PIN pad loads it, and the terminal's software never sees
 * it in clear. A PIN block names the key it was made under by its check value.
 */
public final class CenterPinKeys {
  public static final String MASTER_LABEL = "kippu/center-pin-master/v1";

  /** What the terminal gets: the new key under its master key, and the key's check value. */
  public record IssuedKey(byte[] underMaster, String checkValue) {
    public IssuedKey {
      underMaster = underMaster.clone();
    }

    @Override
    public byte[] underMaster() {
      return underMaster.clone();
    }
  }

  /** Why a PIN block was refused. */
  public enum Refusal {
    /** The terminal has no secret, so no master key: it cannot take or use a PIN key. */
    NO_MASTER_KEY,
    /** The block was made under another key than the terminal's current one (or none). */
    STALE_PIN_KEY,
    /** The block does not open to a PIN for this user (or account). */
    BAD_PIN_BLOCK
  }

  private final TerminalRepository terminals;
  private final PinKeyRepository keys;
  private final SecureRandom random;
  private final Clock clock;

  public CenterPinKeys(
      TerminalRepository terminals, PinKeyRepository keys, SecureRandom random, Clock clock) {
    this.terminals = terminals;
    this.keys = keys;
    this.random = random;
    this.clock = clock;
  }

  /** The terminal's center master key, derived from its secret (what the installer injects). */
  public static byte[] masterKey(byte[] terminalSecret) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(terminalSecret, "HmacSHA256"));
      return Arrays.copyOf(mac.doFinal(MASTER_LABEL.getBytes(StandardCharsets.US_ASCII)), 16);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA256 unavailable", e);
    }
  }

  /** A fresh PIN key for {@code terminal}; empty when the terminal has no secret. */
  public Optional<IssuedKey> issue(TerminalId terminal) {
    Optional<byte[]> master = terminals.secret(terminal).map(CenterPinKeys::masterKey);
    if (master.isEmpty()) {
      return Optional.empty();
    }
    byte[] key = new byte[16];
    random.nextBytes(key);
    try {
      String kcv = PinBlocks.checkValue(key);
      byte[] under = PinBlocks.underKey(Cipher.ENCRYPT_MODE, master.get(), key);
      keys.put(terminal, new PinKeyRepository.StoredKey(under, kcv, clock.instant()));
      return Optional.of(new IssuedKey(under, kcv));
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(master.get(), (byte) 0);
    }
  }

  /**
   * The PIN in {@code block}, made by {@code terminal}'s PIN pad for {@code user} under the key
   * whose check value is {@code checkValue}.
   */
  public Result open(TerminalId terminal, UserId user, String block, String checkValue) {
    return open(terminal, UserPan.of(user), block, checkValue);
  }

  /**
   * The PIN in {@code block}, made by {@code terminal}'s PIN pad for account number {@code pan} (a
   * user's {@link UserPan}, or a bank account's {@link AccountPan}) under the key whose check value
   * is {@code checkValue}.
   */
  public Result open(TerminalId terminal, String pan, String block, String checkValue) {
    Optional<byte[]> master = terminals.secret(terminal).map(CenterPinKeys::masterKey);
    if (master.isEmpty()) {
      return new Result(Optional.empty(), Optional.of(Refusal.NO_MASTER_KEY));
    }
    Optional<PinKeyRepository.StoredKey> stored = keys.current(terminal);
    if (stored.isEmpty() || !stored.get().checkValue().equalsIgnoreCase(checkValue)) {
      return new Result(Optional.empty(), Optional.of(Refusal.STALE_PIN_KEY));
    }
    byte[] key = PinBlocks.underKey(Cipher.DECRYPT_MODE, master.get(), stored.get().underMaster());
    try {
      if (!PinBlocks.checks(key, checkValue)) {
        return new Result(Optional.empty(), Optional.of(Refusal.STALE_PIN_KEY));
      }
      Optional<Pin> pin = PinBlocks.open(key, block, pan);
      return pin.isPresent()
          ? new Result(pin, Optional.empty())
          : new Result(Optional.empty(), Optional.of(Refusal.BAD_PIN_BLOCK));
    } finally {
      Arrays.fill(key, (byte) 0);
      Arrays.fill(master.get(), (byte) 0);
    }
  }

  /** The PIN, or why there is none. */
  public record Result(Optional<Pin> pin, Optional<Refusal> refusal) {}
}
