package com.kippu.atm.receipt;

import java.util.List;

/** The terminal's receipt station as the flows see it; implemented over a JavaPOS POSPrinter. */
public interface ReceiptPrinter {

  /** Prints {@code lines} as one receipt and cuts it. */
  void print(List<String> lines) throws ReceiptException;
}
