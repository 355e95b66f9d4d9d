package com.kippu.devices;

import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.JposRegistry;
import jpos.JposConst;
import jpos.JposException;
import jpos.POSPrinterConst;
import jpos.services.POSPrinterService114;

/**
 * The ticket printer as the ATM plugin uses it: a POSPrinter station whose stock is tickets. By
 * default the receipt (roll) station of a logical device of its own; {@link Station#SLIP} prints on
 * the slip station of a vendor printer that has receipt and slip in one device, one form per
 * ticket. {@link #print} wraps each ticket in {@code transactionPrint(PTR_TP_TRANSACTION …
 * PTR_TP_NORMAL)} so it prints whole or not at all; on any failure the open transaction is dropped
 * with clearOutput and nothing is issued.
 */
public final class TicketPrinter implements AutoCloseable {

  public static final int CLAIM_TIMEOUT_MS = 2000;

  /** How long a slip form may take to be fed in or taken out. */
  public static final int SLIP_TIMEOUT_MS = 10_000;

  /** The POSPrinter station tickets are printed on. */
  public enum Station {
    /** A cutting roll: the ticket ends with a cut. */
    RECEIPT(POSPrinterConst.PTR_S_RECEIPT),
    /** Cut-sheet ticket forms: each ticket is inserted, printed, then ejected. */
    SLIP(POSPrinterConst.PTR_S_SLIP);

    private final int code;

    Station(int code) {
      this.code = code;
    }

    /** The UnifiedPOS PTR_S_* value. */
    public int code() {
      return code;
    }

    /**
     * The station named by a configuration value: {@code receipt} or {@code slip}, any case.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Station parse(String value) {
      for (Station s : values()) {
        if (s.name().equalsIgnoreCase(value == null ? "" : value.strip())) {
          return s;
        }
      }
      throw new IllegalArgumentException(
          "ticket printer station must be 'receipt' or 'slip', not '" + value + "'");
    }
  }

  private final DeviceSession<POSPrinterService114> session;
  private final POSPrinterService114 printer;
  private final Station station;

  private TicketPrinter(DeviceSession<POSPrinterService114> session, Station station) {
    this.session = session;
    this.printer = session.service();
    this.station = station;
  }

  /** {@link #open(JposRegistry, String, Station)} on the receipt station. */
  public static TicketPrinter open(JposRegistry registry, String logicalName) throws JposException {
    return open(registry, logicalName, Station.RECEIPT);
  }

  /**
   * Opens, claims and enables the POSPrinter {@code logicalName}; {@code station} must be present
   * (a receipt station must cut) and the printer must print transactions (UnifiedPOS
   * CapTransaction).
   */
  public static TicketPrinter open(JposRegistry registry, String logicalName, Station station)
      throws JposException {
    if (station == null) {
      throw new JposException(JposConst.JPOS_E_ILLEGAL, logicalName + ": station must be given");
    }
    return new TicketPrinter(
        DeviceSession.open(
            registry,
            logicalName,
            POSPrinterService114.class,
            CLAIM_TIMEOUT_MS,
            s -> {
              POSPrinterService114 p = s.service();
              if (station == Station.RECEIPT && (!p.getCapRecPresent() || !p.getCapRecPapercut())) {
                throw new JposException(
                    JposConst.JPOS_E_ILLEGAL, logicalName + " has no cutting roll station");
              }
              if (station == Station.SLIP && !p.getCapSlpPresent()) {
                throw new JposException(
                    JposConst.JPOS_E_ILLEGAL, logicalName + " has no slip station");
              }
              if (!p.getCapTransaction()) {
                throw new JposException(
                    JposConst.JPOS_E_ILLEGAL,
                    logicalName + " cannot print transactions: a ticket could print half");
              }
              p.setAsyncMode(false); // a returned print means the ticket is out
            }),
        station);
  }

  public String logicalName() {
    return session.logicalName();
  }

  public Station station() {
    return station;
  }

  /**
   * Whether the ticket stock is low (RecNearEnd or SlpNearEnd): tell the branch before tickets
   * fail.
   */
  public boolean paperLow() throws JposException {
    try {
      return station == Station.SLIP ? printer.getSlpNearEnd() : printer.getRecNearEnd();
    } catch (JposException e) {
      throw session.named(e, station == Station.SLIP ? "SlpNearEnd" : "RecNearEnd");
    }
  }

  /**
   * Prints {@code ticket} as one transaction; on the slip station on a form inserted for it and
   * ejected after it.
   *
   * @throws JposException e.g. JPOS_E_EXTENDED/JPOS_EPTR_REC_EMPTY (paper out; nothing printed),
   *     JPOS_E_OFFLINE, JPOS_E_ILLEGAL (no bar codes or bitmaps on this station)
   */
  public void print(PrintDocument ticket) throws JposException {
    if (ticket == null) {
      throw PrintDocument.illegal(logicalName() + ": ticket must not be null");
    }
    boolean slip = station == Station.SLIP;
    try {
      if (ticket.hasQrCode() && !(slip ? printer.getCapSlpBarCode() : printer.getCapRecBarCode())) {
        throw PrintDocument.illegal(logicalName() + " cannot print bar codes on " + station);
      }
      if (ticket.hasBitmap() && !(slip ? printer.getCapSlpBitmap() : printer.getCapRecBitmap())) {
        throw PrintDocument.illegal(logicalName() + " cannot print bitmaps on " + station);
      }
      if (slip) {
        printer.beginInsertion(SLIP_TIMEOUT_MS);
        printer.endInsertion();
      }
      printer.transactionPrint(station.code(), POSPrinterConst.PTR_TP_TRANSACTION);
    } catch (JposException e) {
      throw session.named(e, "print ticket");
    }
    try {
      ticket.printOn(printer, station.code());
      printer.transactionPrint(station.code(), POSPrinterConst.PTR_TP_NORMAL);
    } catch (JposException e) {
      abandonTransaction();
      if (slip) {
        ejectBlankForm();
      }
      throw session.named(e, "print ticket");
    }
    if (slip) {
      ejectForm(); // the ticket is issued when its form leaves the slip
    }
  }

  private void abandonTransaction() {
    try {
      printer.clearOutput();
    } catch (JposException ignored) {
      // The print failure is the one worth reporting; a closed device has no transaction left.
    }
  }

  private void ejectBlankForm() {
    try {
      printer.beginRemoval(SLIP_TIMEOUT_MS);
      printer.endRemoval();
    } catch (JposException ignored) {
      // The print failure is the one worth reporting; a stuck form shows at the next insertion.
    }
  }

  private void ejectForm() throws JposException {
    try {
      printer.beginRemoval(SLIP_TIMEOUT_MS);
      printer.endRemoval();
    } catch (JposException e) {
      throw session.named(e, "eject the ticket form");
    }
  }

  @Override
  public void close() throws JposException {
    session.close();
  }
}
