package com.kippu.atm.spi;

/**
 * Implemented by the host ATM software: shows a screen and returns the customer's answer. The host
 * returns {@link Answer#timeout()} when the screen's timeout passes and {@link Answer#cancel()}
 * when the customer presses the host's own cancel key.
 */
public interface CustomerTerminal {

  Answer show(Screen screen);

  /** Shows a screen that needs no answer (progress, result); the host returns at once. */
  void inform(Screen screen);
}
