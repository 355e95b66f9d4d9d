package com.kippu.atm.payment;

import java.util.Arrays;
import java.util.Objects;

/**
 * A working key as the host sends it: 16 bytes encrypted under the terminal master key (TMK), with
 * its check value. Only a device holding the TMK (the PIN pad) can use it.
 */
public record WorkingKey(byte[] underMasterKey, String checkValue) {
  public WorkingKey {
    Objects.requireNonNull(underMasterKey, "underMasterKey");
    Objects.requireNonNull(checkValue, "checkValue");
    underMasterKey = underMasterKey.clone();
  }

  @Override
  public byte[] underMasterKey() {
    return underMasterKey.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WorkingKey k
        && Arrays.equals(k.underMasterKey, underMasterKey)
        && k.checkValue.equals(checkValue);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(underMasterKey) * 31 + checkValue.hashCode();
  }

  @Override
  public String toString() {
    return "WorkingKey[kcv " + checkValue + "]";
  }
}
