package com.kippu.simulator.bank;

import com.kippu.iso8583.ResponseCode;

/** A request the host answers without touching the ledger, with the field 39 code to send. */
final class Refusal extends Exception {
  private static final long serialVersionUID = 1L;

  private final ResponseCode code;

  Refusal(ResponseCode code, String reason) {
    super(reason, null, false, false);
    this.code = code;
  }

  ResponseCode code() {
    return code;
  }
}
