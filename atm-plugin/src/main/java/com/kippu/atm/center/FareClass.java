package com.kippu.atm.center;

/** Who a commuter pass is for, and so its fare: the railway's adult fare, or a child's half. */
public enum FareClass {
  ADULT,
  CHILD
}
