package com.kippu.center.issuer;

/**
 * What an issuer sells through the center (S2 ¶21): event tickets, commuter passes, prepaid cards.
 */
public enum IssuerKind {
  PROMOTER,
  RAILWAY,
  PREPAID_ISSUER
}
