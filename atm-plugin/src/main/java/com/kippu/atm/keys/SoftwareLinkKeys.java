package com.kippu.atm.keys;

import com.kippu.iso8583.security.KeyType;
import com.kippu.iso8583.security.SoftwareHsm;
import com.kippu.iso8583.security.StoredKey;
import java.security.SecureRandom;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * A clear TMK (development hex configuration, the simulator's derived keys) imported into a
 * per-process {@link SoftwareHsm} whose LMK is random: nothing it holds survives the process. The
 * reference for {@link JceLinkKeys}, which must give the same check values and MACs.
 */
public final class SoftwareLinkKeys implements LinkKeyModule {
  private final SoftwareHsm hsm;
  private final StoredKey tmk;

  private SoftwareLinkKeys(SoftwareHsm hsm, StoredKey tmk) {
    this.hsm = hsm;
    this.tmk = tmk;
  }

  /** The module for the 16-byte {@code clearTmk}; the caller wipes it. */
  public static SoftwareLinkKeys withMasterKey(byte[] clearTmk, SecureRandom random) {
    Objects.requireNonNull(clearTmk, "clearTmk");
    Objects.requireNonNull(random, "random");
    SoftwareHsm hsm = SoftwareHsm.withLmk(SoftwareHsm.newLmk(random), random);
    return new SoftwareLinkKeys(hsm, hsm.importClear(KeyType.TMK, clearTmk));
  }

  @Override
  public void checkPinKey(byte[] tpkUnderTmk, String checkValue) {
    hsm.importUnderTmk(KeyType.TPK, tpkUnderTmk, tmk, checkValue);
  }

  @Override
  public UnaryOperator<byte[]> importMacKey(byte[] takUnderTmk, String checkValue) {
    StoredKey tak = hsm.importUnderTmk(KeyType.TAK, takUnderTmk, tmk, checkValue);
    return data -> hsm.mac(tak, data);
  }

  @Override
  public byte[] keyExchangeMac(byte[] data) {
    return hsm.keyExchangeMac(tmk, data);
  }

  @Override
  public String toString() {
    return "SoftwareLinkKeys[" + tmk + "]";
  }
}
