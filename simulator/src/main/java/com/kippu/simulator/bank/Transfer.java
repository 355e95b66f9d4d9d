package com.kippu.simulator.bank;

import com.kippu.atm.payment.AccountNumber;
import java.util.Objects;

/** A validated account transfer as the host received it in a 0200 (or names it in a 0420). */
record Transfer(TransmissionKey key, AccountNumber from, AccountNumber to, long amountYen) {
  Transfer {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (amountYen <= 0) {
      throw new IllegalArgumentException("amount must be positive: " + amountYen);
    }
  }
}
