package com.kippu.atm.bank;

import com.kippu.atm.payment.WorkingKey;
import com.kippu.iso8583.security.KeyType;
import com.kippu.iso8583.security.SecurityModuleException;
import com.kippu.iso8583.security.SoftwareHsm;
import com.kippu.iso8583.security.StoredKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The terminal's side of the link security: its software security module holding the terminal
 * master key (TMK, configured per terminal) and the working keys the host sends at key change (TAK
 * for MACs, TPK for the PIN pad). Until the first key change only key-exchange messages can be
 * MACed. Thread-safe: the working keys are swapped atomically.
 */
public final class TerminalSecurity {
  private static final Pattern KEY_CHANGE =
      Pattern.compile("TPK([0-9A-F]{32})([0-9A-F]{6})TAK([0-9A-F]{32})([0-9A-F]{6})");
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private final SoftwareHsm hsm;
  private final StoredKey tmk;
  private volatile StoredKey tak;

  private TerminalSecurity(SoftwareHsm hsm, StoredKey tmk) {
    this.hsm = hsm;
    this.tmk = tmk;
  }

  /**
   * The terminal with the given 16-byte TMK (as installed from its key components); the caller
   * wipes {@code clearTmk}. The module's own LMK is random per process: nothing it holds survives.
   */
  public static TerminalSecurity withMasterKey(byte[] clearTmk, SecureRandom random) {
    Objects.requireNonNull(clearTmk, "clearTmk");
    Objects.requireNonNull(random, "random");
    SoftwareHsm hsm = SoftwareHsm.withLmk(SoftwareHsm.newLmk(random), random);
    return new TerminalSecurity(hsm, hsm.importClear(KeyType.TMK, clearTmk));
  }

  /**
   * The development TMK of {@code terminalId}, derived from the id: for the simulator and tests
   * whose hosts run in development mode only. A production terminal is configured with its own TMK
   * through {@link #withMasterKey}.
   */
  public static byte[] developmentMasterKey(String terminalId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(("kippu development TMK " + terminalId).getBytes(StandardCharsets.US_ASCII));
      return Arrays.copyOf(digest, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing", e);
    }
  }

  /** True once a key change has installed working keys. */
  public boolean hasWorkingKeys() {
    return tak != null;
  }

  /**
   * Installs the working keys of an 0810 key change (field 48) after checking both check values and
   * returns the PIN key for the PIN pad, still under the TMK.
   *
   * @throws SecurityModuleException when field 48 is malformed or a check value does not match
   */
  WorkingKey installWorkingKeys(String field48) {
    Matcher m = KEY_CHANGE.matcher(field48 == null ? "" : field48);
    if (!m.matches()) {
      throw new SecurityModuleException("0810 field 48 is not a key change block");
    }
    byte[] tpkUnderTmk = HEX.parseHex(m.group(1));
    // The TPK is imported too, only to prove it arrived intact under our TMK.
    hsm.importUnderTmk(KeyType.TPK, tpkUnderTmk, tmk, m.group(2));
    StoredKey newTak = hsm.importUnderTmk(KeyType.TAK, HEX.parseHex(m.group(3)), tmk, m.group(4));
    tak = newTak;
    return new WorkingKey(tpkUnderTmk, m.group(2));
  }

  /** MAC function for ordinary messages (under the TAK). */
  UnaryOperator<byte[]> macFunction() {
    StoredKey current = tak;
    if (current == null) {
      throw new SecurityModuleException("no working keys yet: sign on with a key change first");
    }
    return data -> hsm.mac(current, data);
  }

  /** MAC function for 0800/0810 (under the TMK's key-exchange variant). */
  UnaryOperator<byte[]> keyExchangeMacFunction() {
    return data -> hsm.keyExchangeMac(tmk, data);
  }
}
