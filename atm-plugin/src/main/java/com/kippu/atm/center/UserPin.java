package com.kippu.atm.center;

import com.kippu.atm.payment.PinBlock;
import java.util.Objects;

/**
 * A registered user's PIN as it leaves the PIN pad for the center: the encrypted block and the
 * check value of the center PIN key it was made under. Kept in memory for one session only, never
 * journaled or logged; {@link #toString()} shows no bytes.
 */
public record UserPin(PinBlock block, String keyCheckValue) {
  public UserPin {
    Objects.requireNonNull(block, "block");
    Objects.requireNonNull(keyCheckValue, "keyCheckValue");
  }

  @Override
  public String toString() {
    return "UserPin[kcv " + keyCheckValue + "]";
  }
}
