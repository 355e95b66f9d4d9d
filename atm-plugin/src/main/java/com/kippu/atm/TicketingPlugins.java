package com.kippu.atm;

import com.kippu.atm.bank.BankLinkConfig;
import com.kippu.atm.bank.BankRoute;
import com.kippu.atm.bank.BankRouter;
import com.kippu.atm.bank.JposBankHost;
import com.kippu.atm.bank.LinkSetup;
import com.kippu.atm.bank.TerminalSecurity;
import com.kippu.atm.center.IssuerKeyTrust;
import com.kippu.atm.center.internal.HttpIssuerCenter;
import com.kippu.atm.center.internal.HttpUserCenter;
import com.kippu.atm.center.internal.RequestSigner;
import com.kippu.atm.device.JavaPosCardReader;
import com.kippu.atm.device.JavaPosCardUnit;
import com.kippu.atm.device.JavaPosCashDesk;
import com.kippu.atm.device.JavaPosIcCard;
import com.kippu.atm.device.JavaPosPinPad;
import com.kippu.atm.device.JavaPosPurse;
import com.kippu.atm.device.JavaPosReceiptPrinter;
import com.kippu.atm.device.JavaPosTicketPrinter;
import com.kippu.atm.journal.SqliteJournal;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.devices.EMoneyPurse;
import com.kippu.devices.IcCardReaderWriter;
import com.kippu.devices.MagneticCardReader;
import com.kippu.devices.PinEntry;
import com.kippu.devices.ReceiptPrinter;
import com.kippu.devices.TicketPrinter;
import com.kippu.devices.cash.CashUnit;
import com.kippu.devices.jpos.JposRegistry;
import com.kippu.iso8583.LinkTls;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import jpos.JposException;

/**
 * Builds a {@link TicketingPlugin} on real components from its configuration: the bank link over
 * TCP, the issuer center over HTTP, the devices named in {@code jpos.xml}, the journal in SQLite.
 */
public final class TicketingPlugins {
  /** How long the e-money reader waits for the card the session already holds. */
  static final Duration CARD_WAIT = Duration.ofSeconds(5);

  /** How long a new card (F9) waits at the slot before it is retracted into the capture bin. */
  static final Duration NEW_CARD_PRESENT = Duration.ofSeconds(30);

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
      TerminalProfile terminal = config.terminal();
      Optional<JavaPosPinPad> pinPad =
          terminal.has(TerminalProfile.Device.PIN_PAD)
              ? Optional.of(
                  new JavaPosPinPad(
                      PinEntry.open(devices, config.pinPadDevice()), PIN_ENTRY_TIMEOUT))
              : Optional.empty();
      pinPad.ifPresent(opened::add);
      Optional<JavaPosCardReader> reader =
          terminal.has(TerminalProfile.Device.CARD_READER)
              ? Optional.of(
                  new JavaPosCardReader(
                      MagneticCardReader.open(devices, config.cardReaderDevice())))
              : Optional.empty();
      reader.ifPresent(opened::add);
      Optional<JavaPosPurse> purse =
          terminal.has(TerminalProfile.Device.EMONEY_READER)
              ? Optional.of(
                  new JavaPosPurse(
                      EMoneyPurse.open(devices, config.emoneyDevice()), card, CARD_WAIT))
              : Optional.empty();
      purse.ifPresent(opened::add);
      Optional<JavaPosCashDesk> cashDesk =
          terminal.takesCash()
              ? Optional.of(new JavaPosCashDesk(CashUnit.open(devices, config.cashChangerDevice())))
              : Optional.empty();
      cashDesk.ifPresent(opened::add);
      Optional<JavaPosTicketPrinter> ticketPrinter =
          terminal.has(TerminalProfile.Device.TICKET_PRINTER)
              ? Optional.of(
                  new JavaPosTicketPrinter(
                      TicketPrinter.open(devices, config.ticketPrinterDevice())))
              : Optional.empty();
      ticketPrinter.ifPresent(opened::add);
      SqliteJournal journal =
          SqliteJournal.open(config.journalFile(), clock, TicketingPlugin.FINAL_STATES);
      opened.add(journal);
      BankHost bank = bankRoutes(config, pinPad, clock);
      HttpIssuerCenter center =
          new HttpIssuerCenter(
              config.centerUrl(),
              config.terminal().terminalId(),
              config.centerTimeout(),
              config.centerTerminalSecret().map(RequestSigner::new),
              new IssuerKeyTrust(config.centerRootKey()),
              clock,
              config.centerTls().map(LinkTls::sslContext));
      // The stocker and face printer are the IC card unit's own directIO commands.
      Optional<TicketingPlugin.CardIssuing> issuing =
          terminal.issuesCards()
              ? Optional.of(
                  new TicketingPlugin.CardIssuing(
                      new JavaPosCardUnit(card.reader(), terminal.hasCardStocker()), center))
              : Optional.empty();
      return new TicketingPlugin(
          config,
          bank,
          new PaymentDevices(
              pinPad.map(p -> p), reader.map(r -> r), purse.map(p -> p), cashDesk.map(d -> d)),
          center,
          card,
          printer,
          ticketPrinter.map(p -> p),
          issuing,
          journal,
          clock,
          new SecureRandom(),
          opened.stream().filter(c -> c != journal).toList(),
          Optional.of(users(config, card, terminal, clock)));
    } catch (JposException | BankUnavailableException | RuntimeException e) {
      closeQuietly(opened);
      throw new StartupException("ticket plugin did not start: " + e.getMessage(), e);
    }
  }

  /**
   * The registered-user side (F9, F12): the center's user routes, signed like every request, and on
   * a terminal with a card stocker the IC card unit whose stocker and face printer are its reader's
   * own directIO commands.
   */
  private static TicketingPlugin.Users users(
      PluginConfig config, JavaPosIcCard card, TerminalProfile terminal, Clock clock) {
    return new TicketingPlugin.Users(
        new HttpUserCenter(
            config.centerUrl(),
            terminal.terminalId(),
            config.centerTimeout(),
            config.centerTerminalSecret().map(RequestSigner::new),
            new IssuerKeyTrust(config.centerRootKey()),
            clock,
            config.centerTls().map(LinkTls::sslContext)),
        terminal.has(TerminalProfile.Device.CARD_STOCKER)
            ? Optional.of(new JavaPosCardUnit(card.reader(), true))
            : Optional.empty(),
        NEW_CARD_PRESENT);
  }

  /**
   * The bank host link (the PIN pad gets the TPK at each of its key changes) and, when configured,
   * an alternate route to other banks and the card network's link for credit and prepaid, behind
   * one router.
   */
  private static BankHost bankRoutes(
      PluginConfig config, Optional<JavaPosPinPad> pinPad, Clock clock)
      throws BankUnavailableException {
    LinkSetup link =
        withPad(LinkSetup.bankHost(TerminalSecurity.with(config.terminalMasterKey())), pinPad);
    BankHost bankHost =
        JposBankHost.connect(bankLink(config), link, config.bankLinkStateFile(), clock);
    if (config.alternate().isEmpty() && config.cardNetwork().isEmpty()) {
      return bankHost;
    }
    List<BankRoute> routes = new ArrayList<>();
    routes.add(
        new BankRoute(
            "bank-host", bankHost, config.bankCodes(), Set.of(AuthorizationRequest.Kind.DEBIT)));
    try {
      if (config.alternate().isPresent()) {
        // Issuers at other banks (S1 ¶115-116), by transfer or by debit card paying them; the
        // PIN pad takes this link's PIN key too.
        LinkSetup alternate = LinkSetup.bankHost(security(config.alternate().get()));
        routes.add(
            new BankRoute(
                "alternate",
                connect(config, config.alternate().get(), withPad(alternate, pinPad), clock),
                Set.of(BankRoute.ANY_BANK),
                Set.of(AuthorizationRequest.Kind.DEBIT)));
      }
      if (config.cardNetwork().isPresent()) {
        LinkSetup cards = LinkSetup.cardNetwork(security(config.cardNetwork().get()));
        routes.add(
            new BankRoute(
                "card-network",
                connect(config, config.cardNetwork().get(), cards, clock),
                Set.of(),
                Set.of(AuthorizationRequest.Kind.CREDIT, AuthorizationRequest.Kind.PREPAID)));
      }
    } catch (BankUnavailableException | RuntimeException e) {
      routes.forEach(r -> r.link().close());
      throw e;
    }
    return new BankRouter(routes);
  }

  private static TerminalSecurity security(PluginConfig.ExtraLink link) {
    return TerminalSecurity.with(link.terminalMasterKey());
  }

  private static LinkSetup withPad(LinkSetup link, Optional<JavaPosPinPad> pinPad) {
    return pinPad.isPresent() ? link.withPinPad(pinPad.get()) : link;
  }

  private static BankHost connect(
      PluginConfig config, PluginConfig.ExtraLink link, LinkSetup setup, Clock clock)
      throws BankUnavailableException {
    return JposBankHost.connect(
        new BankLinkConfig(
            link.host(),
            link.port(),
            config.bankTimeout(),
            config.bankTimeout(),
            config.terminal().terminalId(),
            config.cardAcceptorId(),
            config.acquirerId()),
        setup,
        link.stateFile(),
        clock);
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
