package com.kippu.atm.payment;

/**
 * The encrypting PIN pad: the only place a clear PIN exists. It holds the terminal master key,
 * takes the working PIN key the host sends at key change, and hands out PIN blocks only.
 */
public interface PinPad {

  /**
   * Installs the PIN key sent by the host under the terminal master key.
   *
   * @throws IllegalArgumentException when its check value does not match (wrong TMK or damage)
   */
  void loadPinKey(WorkingKey pinKey);

  /**
   * Lets the customer enter their PIN and returns it as an ISO 9564 format 0 block for {@code card}
   * under the current PIN key.
   *
   * @throws PinEntryCancelledException when the customer cancels or the entry times out
   */
  PinBlock readPin(CardNumber card) throws PinEntryCancelledException;
}
