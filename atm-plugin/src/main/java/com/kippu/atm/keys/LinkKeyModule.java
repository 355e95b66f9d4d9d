package com.kippu.atm.keys;

import java.util.function.UnaryOperator;

/**
 * What a bank link's security needs from the terminal master key (TMK), and nothing more: the TMK
 * itself is only ever used, never read. This is the interface a hardware PIN pad or HSM adapter
 * implements so the TMK (and the working keys it unwraps) never leave the device; {@link
 * SoftwareLinkKeys} keeps a development TMK in a software module, {@link JceLinkKeys} uses key
 * handles of any JCE provider (a PKCS#12 store's, a PKCS#11 token's).
 *
 * <p>All keys are double-length triple DES; check values are the first 3 bytes of 8 zero bytes
 * encrypted under the clear key, hex; MACs are ISO 9797-1 algorithm 3 with padding method 1.
 * Implementations are thread-safe.
 */
public interface LinkKeyModule {
  /**
   * Checks the PIN key (TPK) of a key change, received encrypted under the TMK, against its check
   * value. Nothing is kept: the PIN pad receives the TPK still under the TMK.
   *
   * @throws com.kippu.iso8583.security.SecurityModuleException when the check value does not match
   */
  void checkPinKey(byte[] tpkUnderTmk, String checkValue);

  /**
   * Takes in the MAC key (TAK) of a key change, received encrypted under the TMK, after checking
   * its check value.
   *
   * @return the MAC of ordinary messages under that TAK
   * @throws com.kippu.iso8583.security.SecurityModuleException when the check value does not match
   */
  UnaryOperator<byte[]> importMacKey(byte[] takUnderTmk, String checkValue);

  /**
   * The MAC of a key-exchange message (0800/0810) under the TMK's key-exchange variant (the TMK
   * with every byte XORed with 0x5A), so keys can be changed whatever state the working keys are
   * in.
   */
  byte[] keyExchangeMac(byte[] data);
}
