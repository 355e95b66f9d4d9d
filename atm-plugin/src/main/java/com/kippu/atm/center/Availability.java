package com.kippu.atm.center;

/** How an event's remaining seats are shown to the customer (S1 ¶36: sold out, few left). */
public enum Availability {
  AVAILABLE,
  FEW_LEFT,
  SOLD_OUT
}
