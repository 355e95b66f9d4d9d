package com.kippu.center.product;

/** The first choice on the kiosk menu (S2 ¶22): what kind of card the customer buys. */
public enum CardType {
  EVENT_TICKET,
  COMMUTER_PASS,
  PREPAID
}
