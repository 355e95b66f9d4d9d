package com.kippu.center.terminal;

/**
 * What a terminal is for: an ATM (also an in-company CD or kiosk) sells, issues and reads its own
 * sales and never admits; a home PC (F13, S2 ¶46-51) does what an ATM does but is the user's own
 * machine, so the center takes from it only payments it can check itself (see {@link #trusted()});
 * a gate admits tickets to the events of its venue and sells nothing.
 */
public enum TerminalKind {
  ATM,
  GATE,
  HOME_PC;

  /** True for the kinds that sell and issue: every kind but a gate. */
  public boolean sells() {
    return this != GATE;
  }

  /**
   * False for a home PC: the user's own machine, whose word on a payment the center never takes. It
   * may sell only against a payment the center authorised itself (acquirer {@code KIPPU-CENTER},
   * checked against the center's record) or the e-money of the card's own purse.
   */
  public boolean trusted() {
    return this != HOME_PC;
  }
}
