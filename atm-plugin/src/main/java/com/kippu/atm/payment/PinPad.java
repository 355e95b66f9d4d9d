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

  /**
   * Installs the PIN key the issuer center sent for registered users' PINs, under the PIN pad's
   * center master key (a second key set, transaction host 2).
   *
   * @throws IllegalArgumentException when its check value does not match
   */
  default void loadCenterPinKey(WorkingKey pinKey) {
    throw new UnsupportedOperationException("this PIN pad holds no issuer-center key");
  }

  /**
   * Lets a registered user enter their PIN and returns it as an ISO 9564 format 0 block for the
   * user's account number {@code userAccount} ({@code UserPan}) under the center PIN key.
   *
   * @throws PinEntryCancelledException when the customer cancels or the entry times out
   */
  default PinBlock readUserPin(String userAccount) throws PinEntryCancelledException {
    throw new UnsupportedOperationException("this PIN pad holds no issuer-center key");
  }
}
