package com.kippu.atm.device;

import com.kippu.atm.receipt.ReceiptException;
import com.kippu.atm.receipt.ReceiptPrinter;
import java.util.List;
import jpos.JposException;

/**
 * The {@link ReceiptPrinter} port over any JavaPOS POSPrinter service loaded from {@code jpos.xml}.
 */
public final class JavaPosReceiptPrinter implements ReceiptPrinter, AutoCloseable {
  private final com.kippu.devices.ReceiptPrinter printer;

  public JavaPosReceiptPrinter(com.kippu.devices.ReceiptPrinter printer) {
    this.printer = printer;
  }

  @Override
  public void print(List<String> lines) throws ReceiptException {
    try {
      printer.printReceipt(lines);
    } catch (JposException e) {
      throw new ReceiptException(
          "receipt not printed on "
              + printer.logicalName()
              + ": "
              + e.getMessage()
              + " (JavaPOS error "
              + e.getErrorCode()
              + ")",
          e);
    }
  }

  @Override
  public void close() throws JposException {
    printer.close();
  }
}
