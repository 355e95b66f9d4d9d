package com.kippu.devices;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jpos.JposConst;
import jpos.JposException;
import jpos.POSPrinterConst;
import jpos.services.POSPrinterService114;

/**
 * One printed document (a ticket or a receipt): text lines, QR codes and bitmaps in order, ending
 * with a cut. Immutable; built with {@link #builder()}. Text is printed as given with ESC removed,
 * so customer or catalog text can never become a printer escape sequence.
 */
public final class PrintDocument {

  /** One piece of the document. */
  public sealed interface Element permits Text, QrCode, Bitmap {}

  public record Text(String line, boolean bold, boolean centred) implements Element {}

  /** A QR code of {@code data} (UTF-8), {@code sizeDots} square. */
  public record QrCode(String data, int sizeDots) implements Element {}

  /** A bitmap file (BMP, JPEG, GIF or PNG) printed at its own size, centred. */
  public record Bitmap(Path file) implements Element {}

  // UnifiedPOS 1.14 POSPrinter escape sequences: bold, centre, and feed-and-cut.
  private static final String ESC = "\u001b";
  private static final String FEED_AND_FULL_CUT = ESC + "|100fP";

  private final List<Element> elements;

  private PrintDocument(List<Element> elements) {
    this.elements = List.copyOf(elements);
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<Element> elements() {
    return elements;
  }

  boolean hasQrCode() {
    return elements.stream().anyMatch(QrCode.class::isInstance);
  }

  boolean hasBitmap() {
    return elements.stream().anyMatch(Bitmap.class::isInstance);
  }

  /** Sends the document to the receipt station of {@code printer}, ending with a cut. */
  void printOn(POSPrinterService114 printer) throws JposException {
    printOn(printer, POSPrinterConst.PTR_S_RECEIPT);
  }

  /**
   * Sends the document to {@code station}: on the receipt station it ends with a cut; a slip form
   * has no cutter and ends when it is ejected.
   */
  void printOn(POSPrinterService114 printer, int station) throws JposException {
    StringBuilder text = new StringBuilder();
    for (Element e : elements) {
      if (e instanceof Text t) {
        text.append(t.centred() ? ESC + "|cA" : "").append(t.bold() ? ESC + "|bC" : "");
        text.append(t.line().replace(ESC, "")).append(t.bold() ? ESC + "|N" : "").append('\n');
        continue;
      }
      flush(printer, station, text);
      if (e instanceof QrCode q) {
        printer.printBarCode(
            station,
            q.data(),
            POSPrinterConst.PTR_BCS_QRCODE,
            q.sizeDots(),
            q.sizeDots(),
            POSPrinterConst.PTR_BC_CENTER,
            POSPrinterConst.PTR_BC_TEXT_NONE);
      } else if (e instanceof Bitmap b) {
        printer.printBitmap(
            station,
            b.file().toAbsolutePath().toString(),
            POSPrinterConst.PTR_BM_ASIS,
            POSPrinterConst.PTR_BM_CENTER);
      }
    }
    if (station == POSPrinterConst.PTR_S_RECEIPT) {
      text.append(FEED_AND_FULL_CUT);
    }
    flush(printer, station, text);
  }

  private static void flush(POSPrinterService114 printer, int station, StringBuilder text)
      throws JposException {
    if (text.length() > 0) {
      printer.printNormal(station, text.toString());
      text.setLength(0);
    }
  }

  /** Collects elements in print order. */
  public static final class Builder {
    private final List<Element> elements = new ArrayList<>();

    private Builder() {}

    public Builder text(String line) {
      elements.add(new Text(nonNull(line), false, false));
      return this;
    }

    public Builder bold(String line) {
      elements.add(new Text(nonNull(line), true, false));
      return this;
    }

    public Builder centred(String line) {
      elements.add(new Text(nonNull(line), false, true));
      return this;
    }

    /** A QR code; 200 dots is 25 mm at 203 dpi, readable by gate scanners. */
    public Builder qrCode(String data, int sizeDots) {
      if (data == null || data.isEmpty() || sizeDots < 21) {
        throw new IllegalArgumentException("QR code needs data and at least 21 dots");
      }
      elements.add(new QrCode(data, sizeDots));
      return this;
    }

    public Builder bitmap(Path file) {
      elements.add(new Bitmap(java.util.Objects.requireNonNull(file, "file")));
      return this;
    }

    public PrintDocument build() {
      return new PrintDocument(elements);
    }

    private static String nonNull(String s) {
      return s == null ? "" : s;
    }
  }

  static JposException illegal(String message) {
    return new JposException(JposConst.JPOS_E_ILLEGAL, message);
  }
}
