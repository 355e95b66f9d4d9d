package com.kippu.atm;

import com.kippu.atm.bank.BankLinkConfig;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.bank.LinkSetup;
import com.kippu.atm.bank.TerminalSecurity;
import com.kippu.atm.center.internal.HttpIssuerCenter;
import com.kippu.atm.center.internal.RequestSigner;
import com.kippu.atm.device.JavaPosIcCard;
import com.kippu.atm.device.JavaPosPinPad;
import com.kippu.atm.device.JavaPosReceiptPrinter;
import com.kippu.atm.journal.SqliteJournal;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.devices.IcCardReaderWriter;
import com.kippu.devices.PinEntry;
import com.kippu.devices.ReceiptPrinter;
import com.kippu.devices.jpos.JposRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import jpos.JposException;

/**
 * Builds a {@link TicketingPlugin} on real components from its configuration: the bank link over
 * TCP, the issuer center over HTTP, the devices named in {@code jpos.xml}, the journal in SQLite.
 */
public final class TicketingPlugins {
  /** How long the customer has to type the PIN before the entry ends as timed out. */
  static final Duration PIN_ENTRY_TIMEOUT = Duration.ofSeconds(30);

  private TicketingPlugins() {}

  /** Starts the plugin; on any failure what was already opened is closed again. */
  public static TicketingPlugin start(PluginConfig config, Clock clock) throws StartupException {
    List<AutoCloseable> opened = new ArrayList<>();
    try {
      JposRegistry devices = JposRegistry.load(config.jposXml());
      JavaPosIcCard card =
          new JavaPosIcCard(IcCardReaderWriter.open(devices, config.icCardDevice()));
      opened.add(card);
      JavaPosReceiptPrinter printer =
          new JavaPosReceiptPrinter(ReceiptPrinter.open(devices, config.receiptPrinterDevice()));
      opened.add(printer);
      JavaPosPinPad pinPad =
          new JavaPosPinPad(PinEntry.open(devices, config.pinPadDevice()), PIN_ENTRY_TIMEOUT);
      opened.add(pinPad);
      SqliteJournal journal =
          SqliteJournal.open(config.journalFile(), clock, TicketingPlugin.FINAL_STATES);
      opened.add(journal);
      byte[] tmk = config.terminalMasterKey();
      LinkSetup link;
      try {
        // The PIN pad gets the TPK at every key change of the link.
        link =
            LinkSetup.bankHost(TerminalSecurity.withMasterKey(tmk, new SecureRandom()))
                .withPinPad(pinPad);
      } finally {
        Arrays.fill(tmk, (byte) 0);
      }
      BankHost bank =
          JposBankHost.connect(bankLink(config), link, config.bankLinkStateFile(), clock);
      return new TicketingPlugin(
          config,
          bank,
          pinPad,
          new HttpIssuerCenter(
              config.centerUrl(),
              config.terminal().terminalId(),
              config.centerTimeout(),
              config.centerTerminalSecret().map(RequestSigner::new),
              clock),
          card,
          printer,
          journal,
          clock,
          new SecureRandom(),
          List.of(card, printer, pinPad));
    } catch (JposException | BankUnavailableException | RuntimeException e) {
      closeQuietly(opened);
      throw new StartupException("ticket plugin did not start: " + e.getMessage(), e);
    }
  }

  static BankLinkConfig bankLink(PluginConfig config) {
    BankLinkConfig plain =
        new BankLinkConfig(
            config.bankHost(),
            config.bankPort(),
            config.bankTimeout(),
            config.bankTimeout(),
            config.terminal().terminalId(),
            config.cardAcceptorId(),
            config.acquirerId());
    return config.bankTls().map(plain::withTls).orElse(plain);
  }

  private static void closeQuietly(List<AutoCloseable> opened) {
    for (AutoCloseable c : opened) {
      try {
        c.close();
      } catch (Exception e) {
        // Start-up already failed; the first error is the one the caller needs.
      }
    }
  }

  /** The plugin could not start; the message names the component and the cause. */
  public static final class StartupException extends Exception {
    private static final long serialVersionUID = 1L;

    StartupException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
