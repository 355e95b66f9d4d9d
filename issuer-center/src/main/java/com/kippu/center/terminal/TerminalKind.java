package com.kippu.center.terminal;

/**
 * What a terminal is for: an ATM (also an in-company CD, kiosk or home PC) sells, issues and reads
 * its own sales and never admits; a gate admits tickets to the events of its venue and sells
 * nothing.
 */
public enum TerminalKind {
  ATM,
  GATE
}
