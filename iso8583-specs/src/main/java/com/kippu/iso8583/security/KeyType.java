package com.kippu.iso8583.security;

/**
 * What a key may be used for. Each type is stored under its own variant of the local master key
 * (LMK), so a key block of one type cannot be presented to the security module as another (a TPK
 * cannot be used to compute a MAC, nor a TAK to export keys).
 */
public enum KeyType {
  /** Terminal master key: key-encrypting key for the working keys sent in 0810 key change. */
  TMK(0x11),
  /** Terminal PIN key: encrypts ISO 9564 PIN blocks between PIN pad and host. */
  TPK(0x22),
  /** Terminal authentication key: computes and verifies the MAC of every message. */
  TAK(0x33);

  private final int variant;

  KeyType(int variant) {
    this.variant = variant;
  }

  int variant() {
    return variant;
  }
}
