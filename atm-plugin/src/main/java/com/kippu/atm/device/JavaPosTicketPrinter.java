package com.kippu.atm.device;

import com.kippu.atm.ticket.TicketFace;
import com.kippu.atm.ticket.TicketPrintException;
import com.kippu.atm.ticket.TicketPrinter;
import com.kippu.devices.PrintDocument;
import jpos.JposException;

/**
 * The {@link TicketPrinter} port over any JavaPOS POSPrinter service loaded from {@code jpos.xml}:
 * the face's lines, the first bold and centred, then the QR code, as one transaction.
 */
public final class JavaPosTicketPrinter implements TicketPrinter, AutoCloseable {
  /**
   * 480 dots is 60 mm at 203 dpi, inside an 80 mm roll's line: a signed ticket's code (QR version
   * 22 to 24, 105 to 113 modules) at four dots a module, which gate scanners read at a glance.
   */
  static final int QR_DOTS = 480;

  private final com.kippu.devices.TicketPrinter printer;

  public JavaPosTicketPrinter(com.kippu.devices.TicketPrinter printer) {
    this.printer = printer;
  }

  @Override
  public void print(TicketFace face) throws TicketPrintException {
    PrintDocument.Builder doc = PrintDocument.builder();
    for (int i = 0; i < face.lines().size(); i++) {
      if (i == 0) {
        doc.bold(face.lines().get(i));
      } else {
        doc.text(face.lines().get(i));
      }
    }
    doc.qrCode(face.code(), QR_DOTS);
    try {
      printer.print(doc.build());
    } catch (JposException e) {
      throw new TicketPrintException(
          "ticket not printed on "
              + printer.logicalName()
              + ": "
              + e.getMessage()
              + " (JavaPOS error "
              + e.getErrorCode()
              + "/"
              + e.getErrorCodeExtended()
              + ")",
          e);
    }
  }

  @Override
  public void close() throws JposException {
    printer.close();
  }
}
