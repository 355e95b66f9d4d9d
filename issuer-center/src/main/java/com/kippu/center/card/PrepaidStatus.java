package com.kippu.center.card;

/** A prepaid card id's life (S2 ¶41-44): registered by its issuer INACTIVE, ACTIVE once sold. */
public enum PrepaidStatus {
  INACTIVE,
  ACTIVE
}
