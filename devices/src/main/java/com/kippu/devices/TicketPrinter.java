package com.kippu.devices;

import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.JposRegistry;
import jpos.JposConst;
import jpos.JposException;
import jpos.POSPrinterConst;
import jpos.services.POSPrinterService114;

/**
 * The ticket printer as the ATM plugin uses it: a POSPrinter logical device of its own (not the
 * receipt printer's slip station) whose roll is ticket stock. {@link #print} wraps each ticket in
 * {@code transactionPrint(PTR_TP_TRANSACTION … PTR_TP_NORMAL)} so it prints whole or not at all; on
 * any failure the open transaction is dropped with clearOutput and nothing is issued.
 */
public final class TicketPrinter implements AutoCloseable {

  public static final int CLAIM_TIMEOUT_MS = 2000;

  private final DeviceSession<POSPrinterService114> session;
  private final POSPrinterService114 printer;

  private TicketPrinter(DeviceSession<POSPrinterService114> session) {
    this.session = session;
    this.printer = session.service();
  }

  /**
   * Opens, claims and enables the POSPrinter {@code logicalName}; it must have a cutting receipt
   * (roll) station and transaction printing (UnifiedPOS CapTransaction).
   */
  public static TicketPrinter open(JposRegistry registry, String logicalName) throws JposException {
    return new TicketPrinter(
        DeviceSession.open(
            registry,
            logicalName,
            POSPrinterService114.class,
            CLAIM_TIMEOUT_MS,
            s -> {
              POSPrinterService114 p = s.service();
              if (!p.getCapRecPresent() || !p.getCapRecPapercut()) {
                throw new JposException(
                    JposConst.JPOS_E_ILLEGAL, logicalName + " has no cutting roll station");
              }
              if (!p.getCapTransaction()) {
                throw new JposException(
                    JposConst.JPOS_E_ILLEGAL,
                    logicalName + " cannot print transactions: a ticket could print half");
              }
              p.setAsyncMode(false); // a returned print means the ticket is out
            }));
  }

  public String logicalName() {
    return session.logicalName();
  }

  /** Whether the paper is low (RecNearEnd): time to tell the branch before tickets fail. */
  public boolean paperLow() throws JposException {
    try {
      return printer.getRecNearEnd();
    } catch (JposException e) {
      throw session.named(e, "RecNearEnd");
    }
  }

  /**
   * Prints {@code ticket} as one transaction.
   *
   * @throws JposException e.g. JPOS_E_EXTENDED/JPOS_EPTR_REC_EMPTY (paper out; nothing printed),
   *     JPOS_E_OFFLINE, JPOS_E_ILLEGAL (no bar codes or bitmaps on this printer)
   */
  public void print(PrintDocument ticket) throws JposException {
    if (ticket == null) {
      throw PrintDocument.illegal(logicalName() + ": ticket must not be null");
    }
    try {
      if (ticket.hasQrCode() && !printer.getCapRecBarCode()) {
        throw PrintDocument.illegal(logicalName() + " cannot print bar codes");
      }
      if (ticket.hasBitmap() && !printer.getCapRecBitmap()) {
        throw PrintDocument.illegal(logicalName() + " cannot print bitmaps");
      }
      printer.transactionPrint(POSPrinterConst.PTR_S_RECEIPT, POSPrinterConst.PTR_TP_TRANSACTION);
    } catch (JposException e) {
      throw session.named(e, "print ticket");
    }
    try {
      ticket.printOn(printer);
      printer.transactionPrint(POSPrinterConst.PTR_S_RECEIPT, POSPrinterConst.PTR_TP_NORMAL);
    } catch (JposException e) {
      abandonTransaction();
      throw session.named(e, "print ticket");
    }
  }

  private void abandonTransaction() {
    try {
      printer.clearOutput();
    } catch (JposException ignored) {
      // The print failure is the one worth reporting; a closed device has no transaction left.
    }
  }

  @Override
  public void close() throws JposException {
    session.close();
  }
}
