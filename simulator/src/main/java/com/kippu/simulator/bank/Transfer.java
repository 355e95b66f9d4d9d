package com.kippu.simulator.bank;

import com.kippu.atm.payment.AccountNumber;
import java.util.Objects;

/**
 * A validated money movement as the host received it: an account transfer (from and to), a cash
 * deposit (to only, from the terminal's cash unit) or a debit (from the card's account, to the
 * payee). A reversal names one by its key.
 *
 * @param from null for a cash deposit, and for a debit until the card is looked up
 */
record Transfer(
    TransmissionKey key, Kind kind, AccountNumber from, AccountNumber to, long amountYen) {
  enum Kind {
    TRANSFER,
    DEPOSIT,
    DEBIT
  }

  Transfer {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(kind, "kind");
    if (amountYen <= 0) {
      throw new IllegalArgumentException("amount must be positive: " + amountYen);
    }
  }

  Transfer(TransmissionKey key, AccountNumber from, AccountNumber to, long amountYen) {
    this(key, Kind.TRANSFER, from, to, amountYen);
  }
}
