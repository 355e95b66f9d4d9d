package com.kippu.atm.center;

/** The first choice of a kiosk purchase (S2 ¶22, Fig. 6): what kind of card the customer buys. */
public enum CardType {
  EVENT_TICKET,
  COMMUTER_PASS,
  PREPAID
}
