package com.kippu.atm.ticket;

/** A ticket whose printing was not confirmed (paper out, printer offline, a fault mid-ticket). */
public class TicketPrintException extends Exception {
  private static final long serialVersionUID = 1L;

  public TicketPrintException(String message, Throwable cause) {
    super(message, cause);
  }
}
