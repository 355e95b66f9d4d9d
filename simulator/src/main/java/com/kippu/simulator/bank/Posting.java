package com.kippu.simulator.bank;

import com.kippu.iso8583.ResponseCode;
import java.util.Objects;

/**
 * The ledger's answer to one transfer: the field 39 code and, when approved, the field 38 approval
 * code (empty otherwise).
 */
record Posting(ResponseCode code, String approvalCode) {
  Posting {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(approvalCode, "approvalCode");
  }

  static Posting declined(ResponseCode code) {
    return new Posting(code, "");
  }
}
