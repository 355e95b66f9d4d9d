package com.kippu.simulator.bank;

import java.util.Objects;

/**
 * What makes a transmission unique on the link: terminal id (ISO 8583 field 41), STAN (11) and
 * transmission date and time (7). The ledger applies at most one transfer per key.
 */
public record TransmissionKey(String terminalId, String stan, String transmittedAt) {
  public TransmissionKey {
    Objects.requireNonNull(terminalId, "terminalId");
    Objects.requireNonNull(stan, "stan");
    Objects.requireNonNull(transmittedAt, "transmittedAt");
  }

  @Override
  public String toString() {
    return terminalId + "/" + stan + "/" + transmittedAt;
  }
}
