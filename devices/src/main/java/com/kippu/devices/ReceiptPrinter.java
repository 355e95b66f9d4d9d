package com.kippu.devices;

import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.JposRegistry;
import java.util.List;
import jpos.JposConst;
import jpos.JposException;
import jpos.POSPrinterConst;
import jpos.services.POSPrinterService114;

/**
 * The receipt station as the ATM plugin uses it, over any vendor's JavaPOS POSPrinter service:
 * {@link #printReceipt} prints lines synchronously and cuts, so one call is one receipt. Text is
 * printed as given; ESC characters in it are removed so that customer or catalog text can never
 * become a printer escape sequence.
 */
public final class ReceiptPrinter implements AutoCloseable {

  public static final int CLAIM_TIMEOUT_MS = 2000;

  // UnifiedPOS 1.14 POSPrinter escape sequences: ESC|#fP = feed to the cutter and cut # percent.
  private static final String FEED_AND_FULL_CUT = "\u001b|100fP";

  private final DeviceSession<POSPrinterService114> session;
  private final POSPrinterService114 printer;

  private ReceiptPrinter(DeviceSession<POSPrinterService114> session) {
    this.session = session;
    this.printer = session.service();
  }

  /**
   * Opens, claims and enables the POSPrinter device {@code logicalName}; it must have a receipt
   * station that can cut.
   */
  public static ReceiptPrinter open(JposRegistry registry, String logicalName)
      throws JposException {
    return new ReceiptPrinter(
        DeviceSession.open(
            registry,
            logicalName,
            POSPrinterService114.class,
            CLAIM_TIMEOUT_MS,
            s -> {
              POSPrinterService114 p = s.service();
              if (!p.getCapRecPresent()) {
                throw new JposException(
                    JposConst.JPOS_E_ILLEGAL, logicalName + " has no receipt station");
              }
              if (!p.getCapRecPapercut()) {
                throw new JposException(
                    JposConst.JPOS_E_ILLEGAL, logicalName + " cannot cut receipts");
              }
              p.setAsyncMode(false); // a returned printReceipt means the receipt is out
            }));
  }

  public String logicalName() {
    return session.logicalName();
  }

  /** Prints {@code lines} on the receipt station as one receipt and cuts it. */
  public void printReceipt(List<String> lines) throws JposException {
    if (lines == null) {
      throw new JposException(JposConst.JPOS_E_ILLEGAL, logicalName() + ": lines must not be null");
    }
    StringBuilder data = new StringBuilder();
    for (String line : lines) {
      data.append(line == null ? "" : line.replace("\u001b", "")).append('\n');
    }
    data.append(FEED_AND_FULL_CUT);
    try {
      printer.printNormal(POSPrinterConst.PTR_S_RECEIPT, data.toString());
    } catch (JposException e) {
      throw session.named(e, "printReceipt");
    }
  }

  /**
   * Prints {@code document} (text, QR codes, bitmaps) as one receipt and cuts it; with
   * CapTransaction it prints whole or not at all.
   */
  public void print(PrintDocument document) throws JposException {
    if (document == null) {
      throw PrintDocument.illegal(logicalName() + ": document must not be null");
    }
    boolean transaction;
    try {
      transaction = printer.getCapTransaction();
      if (transaction) {
        printer.transactionPrint(POSPrinterConst.PTR_S_RECEIPT, POSPrinterConst.PTR_TP_TRANSACTION);
      }
    } catch (JposException e) {
      throw session.named(e, "print");
    }
    try {
      document.printOn(printer);
      if (transaction) {
        printer.transactionPrint(POSPrinterConst.PTR_S_RECEIPT, POSPrinterConst.PTR_TP_NORMAL);
      }
    } catch (JposException e) {
      if (transaction) {
        try {
          printer.clearOutput();
        } catch (JposException ignored) {
          // The print failure is the one worth reporting.
        }
      }
      throw session.named(e, "print");
    }
  }

  /** Disables, releases and closes the device. */
  @Override
  public void close() throws JposException {
    session.close();
  }
}
