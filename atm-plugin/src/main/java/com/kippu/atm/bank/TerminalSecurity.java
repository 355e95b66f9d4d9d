package com.kippu.atm.bank;

import com.kippu.atm.keys.LinkKeyModule;
import com.kippu.atm.keys.SoftwareLinkKeys;
import com.kippu.atm.payment.WorkingKey;
import com.kippu.iso8583.security.SecurityModuleException;
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
 * The terminal's side of the link security: the module holding the terminal master key (TMK,
 * configured per terminal, see {@link LinkKeyModule}) and the working keys the host sends at key
 * change (TAK for MACs, TPK for the PIN pad). It only asks the module to use the TMK, never for its
 * bytes, so the TMK may live in a PIN pad or HSM. Until the first key change only key-exchange
 * messages can be MACed. Thread-safe: the MAC key is swapped atomically.
 */
public final class TerminalSecurity {
  private static final Pattern KEY_CHANGE =
      Pattern.compile("TPK([0-9A-F]{32})([0-9A-F]{6})TAK([0-9A-F]{32})([0-9A-F]{6})");
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private final LinkKeyModule keys;
  private volatile UnaryOperator<byte[]> takMac;

  private TerminalSecurity(LinkKeyModule keys) {
    this.keys = keys;
  }

  /** The terminal whose TMK is held by {@code keys} (a PIN pad, an HSM, a key store's handle). */
  public static TerminalSecurity with(LinkKeyModule keys) {
    return new TerminalSecurity(Objects.requireNonNull(keys, "keys"));
  }

  /**
   * The terminal with the given clear 16-byte TMK (development configuration, tests), kept in a
   * {@link SoftwareLinkKeys}; the caller wipes {@code clearTmk}. The module's own LMK is random per
   * process: nothing it holds survives.
   */
  public static TerminalSecurity withMasterKey(byte[] clearTmk, SecureRandom random) {
    return with(SoftwareLinkKeys.withMasterKey(clearTmk, random));
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
    return takMac != null;
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
    // The TPK is checked too, only to prove it arrived intact under our TMK.
    keys.checkPinKey(tpkUnderTmk, m.group(2));
    takMac = keys.importMacKey(HEX.parseHex(m.group(3)), m.group(4));
    return new WorkingKey(tpkUnderTmk, m.group(2));
  }

  /** MAC function for ordinary messages (under the TAK). */
  UnaryOperator<byte[]> macFunction() {
    UnaryOperator<byte[]> current = takMac;
    if (current == null) {
      throw new SecurityModuleException("no working keys yet: sign on with a key change first");
    }
    return current;
  }

  /** MAC function for 0800/0810 (under the TMK's key-exchange variant). */
  UnaryOperator<byte[]> keyExchangeMacFunction() {
    return keys::keyExchangeMac;
  }
}
