package com.kippu.atm.payment;

/**
 * The bank host could not be asked or did not answer in time; the outcome of the request is
 * unknown.
 */
public class BankUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public BankUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }

  public BankUnavailableException(String message) {
    super(message);
  }
}
