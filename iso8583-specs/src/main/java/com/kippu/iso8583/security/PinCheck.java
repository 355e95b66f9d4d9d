package com.kippu.iso8583.security;

/** The security module's verdict on a PIN block; the PIN itself never leaves the module. */
public enum PinCheck {
  MATCH,
  MISMATCH,
  /** Not an ISO 9564 format 0 block for this card (wrong key, wrong PAN, bad padding). */
  MALFORMED
}
