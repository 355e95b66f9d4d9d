package com.kippu.atm.ticket;

/**
 * The terminal's ticket printer as the flows see it (F2); implemented over a JavaPOS POSPrinter.
 */
public interface TicketPrinter {

  /**
   * Prints {@code face} as one ticket.
   *
   * @throws TicketPrintException the ticket is not confirmed printed; it may be out in part
   */
  void print(TicketFace face) throws TicketPrintException;
}
