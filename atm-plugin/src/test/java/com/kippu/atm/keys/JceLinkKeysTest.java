package com.kippu.atm.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.kippu.iso8583.security.KeyType;
import com.kippu.iso8583.security.SecurityModuleException;
import com.kippu.iso8583.security.SoftwareHsm;
import com.kippu.iso8583.security.StoredKey;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The TMK used through JCE key handles gives what the software module gives for the same TMK and
 * key change: the host's check values are accepted, and key-exchange MACs and MACs under the TAK
 * are the host's, also when the handles cannot be read at all.
 */
class JceLinkKeysTest {
  private static final byte[] TMK = HexFormat.of().parseHex("0123456789ABCDEFFEDCBA9876543210");
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The host's side: its own module holding the same TMK, sending a key change. */
  private final SoftwareHsm host = SoftwareHsm.withLmk(SoftwareHsm.newLmk(RANDOM), RANDOM);

  private final StoredKey hostTmk = host.importClear(KeyType.TMK, TMK);
  private final StoredKey tpk = host.generate(KeyType.TPK);
  private final StoredKey tak = host.generate(KeyType.TAK);

  @TempDir Path dir;

  @Test
  void theJceModuleAndTheSoftwareModuleGiveTheHostsMacs() {
    assertSameAsHost(SoftwareLinkKeys.withMasterKey(TMK, RANDOM));
    assertSameAsHost(jce(JceLinkKeys.entries("bank.terminalMasterKey", TMK)));
  }

  @Test
  void keyHandlesThatNeverGiveTheirBytesWorkTheSame() throws Exception {
    Map<String, SecretKey> handles = new LinkedHashMap<>();
    JceLinkKeys.entries("bank.terminalMasterKey", TMK)
        .forEach((name, key) -> handles.put(name, HandleKeys.handle(key)));
    SecretKey tmkHandle = handles.get("bank.terminalMasterKey");
    assertNull(tmkHandle.getEncoded());
    // The default provider cannot use them: only operations on the handle are possible.
    Cipher sun = Cipher.getInstance("DESede/ECB/NoPadding", "SunJCE");
    assertThrows(InvalidKeyException.class, () -> sun.init(Cipher.ENCRYPT_MODE, tmkHandle));

    assertSameAsHost(jce(handles));
  }

  @Test
  void theTmkFromAPkcs12StoreIsUsedThroughItsHandle() {
    Path file = dir.resolve("keys.p12");
    Pkcs12KeyStorage.createWithEntries(
        file, "pw".toCharArray(), JceLinkKeys.entries("bank.terminalMasterKey", TMK));
    Pkcs12KeyStorage store = Pkcs12KeyStorage.open(file, "pw".toCharArray());
    assertSameAsHost(JceLinkKeys.from(store, "bank.terminalMasterKey"));
  }

  @Test
  void aWrongCheckValueOrAStoreWithoutTheKeyExchangeKeyIsRefused() {
    byte[] takUnderTmk = host.exportUnderTmk(tak, hostTmk);
    for (LinkKeyModule m :
        new LinkKeyModule[] {
          SoftwareLinkKeys.withMasterKey(TMK, RANDOM),
          jce(JceLinkKeys.entries("bank.terminalMasterKey", TMK))
        }) {
      assertThrows(SecurityModuleException.class, () -> m.importMacKey(takUnderTmk, "000000"));
      assertThrows(
          SecurityModuleException.class,
          () -> m.checkPinKey(host.exportUnderTmk(tpk, hostTmk), tak.checkValue()));
    }
    Path file = dir.resolve("old.p12");
    Pkcs12KeyStorage.create(file, "pw".toCharArray(), Map.of("bank.terminalMasterKey", TMK));
    Pkcs12KeyStorage store = Pkcs12KeyStorage.open(file, "pw".toCharArray());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> JceLinkKeys.from(store, "bank.terminalMasterKey"));
    assertEquals(
        "the TMK must be a DESede key, not AES (a store written before TMKs were used as"
            + " handles: provision it again)",
        e.getMessage());
  }

  private void assertSameAsHost(LinkKeyModule module) {
    module.checkPinKey(host.exportUnderTmk(tpk, hostTmk), tpk.checkValue());
    UnaryOperator<byte[]> mac =
        module.importMacKey(host.exportUnderTmk(tak, hostTmk), tak.checkValue().toLowerCase());
    for (int length : new int[] {0, 1, 7, 8, 9, 16, 61, 300}) {
      byte[] data = new byte[length];
      RANDOM.nextBytes(data);
      assertArrayEquals(host.mac(tak, data), mac.apply(data), "MAC of " + length + " bytes");
      assertArrayEquals(
          host.keyExchangeMac(hostTmk, data),
          module.keyExchangeMac(data),
          "key-exchange MAC of " + length + " bytes");
    }
  }

  private static JceLinkKeys jce(Map<String, SecretKey> entries) {
    return JceLinkKeys.from(
        name -> {
          SecretKey k = entries.get(name);
          if (k == null) {
            throw new IllegalArgumentException("no key " + name);
          }
          return k;
        },
        "bank.terminalMasterKey");
  }
}
