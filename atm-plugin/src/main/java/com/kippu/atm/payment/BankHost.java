package com.kippu.atm.payment;

/**
 * The money side as the flows see it: the bank host reached over the terminal's route. An
 * implementation never returns an approval it did not receive; when the outcome is unknown
 * (timeout, dropped link) it throws {@link BankUnavailableException} and has already queued a
 * reversal of the request.
 */
public interface BankHost extends AutoCloseable {

  /** Moves {@code request.amount()} from the customer's account to the issuer's (ISO 0200). */
  TransferResult transfer(TransferRequest request) throws BankUnavailableException;

  /** Sign-on / echo (ISO 0800); true when the host answered "00". */
  boolean echo() throws BankUnavailableException;

  @Override
  void close();
}
