package com.kippu.simulator;

import com.kippu.atm.PluginConfig;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.TicketingPlugins;
import com.kippu.atm.device.JavaPosCashDesk;
import com.kippu.atm.device.JavaPosIcCard;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.spi.TerminalProfile;
import com.kippu.center.BusinessRules;
import com.kippu.center.CenterConfig;
import com.kippu.center.CenterConfig.TerminalAuth;
import com.kippu.center.IssuerCenterServer;
import com.kippu.center.TlsSettings;
import com.kippu.center.UserSecurity;
import com.kippu.center.catalog.CatalogSeed;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.home.BankAuthorizer;
import com.kippu.center.home.CardAuthorizer;
import com.kippu.center.home.HomeRails;
import com.kippu.center.terminal.CenterPinKeys;
import com.kippu.devices.CardAccessExchange;
import com.kippu.devices.CardStocker;
import com.kippu.devices.ChipData;
import com.kippu.devices.IcCardReaderWriter;
import com.kippu.devices.cash.CashUnit;
import com.kippu.devices.jpos.JposRegistry;
import com.kippu.devices.sim.CardImages;
import com.kippu.devices.sim.SimulatedCardSlots;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.devices.sim.SimulatedKeypads;
import com.kippu.devices.sim.cash.SimulatedCashUnits;
import com.kippu.simulator.bank.BankHostServer;
import com.kippu.simulator.bank.CenterBankAuthorizer;
import com.kippu.simulator.bank.HostOptions;
import com.kippu.simulator.issuer.IssuerLocalServer;
import com.kippu.simulator.network.CardNetworkServer;
import com.kippu.simulator.network.CenterCardAuthorizer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.function.IntUnaryOperator;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import jpos.JposConst;
import jpos.JposException;

/**
 * One bank branch on one PC: the bank host (jPOS over TCP, SQLite ledger), the issuer center (HTTP,
 * SQLite), the terminal's simulated JavaPOS devices from a generated {@code jpos.xml}, and the
 * ticket plugin wired to all of them exactly as a bank's ATM software would wire it. At start every
 * device passes a self test; the ticket service runs only when the IC card reader/writer and the
 * receipt printer are usable, the rest of the branch runs regardless.
 */
public final class Branch implements AutoCloseable {
  public static final String TERMINAL_ID = "ATM00001";
  public static final AccountNumber ISSUER_ACCOUNT = new AccountNumber("0009-001-7654321");

  /** The railway's account: its reserved seats are paid into it. */
  public static final AccountNumber RAILWAY_ACCOUNT = new AccountNumber("0009-001-5551234");

  /** How long an ejected card waits at the slot before it is retracted into the capture bin. */
  public static final Duration PRESENT_TIMEOUT = Duration.ofSeconds(10);

  private static final Logger LOG = Logger.getLogger(Branch.class.getName());

  /**
   * The operator token of the branch's development center (public on purpose, like the demo PINs):
   * scenarios enrol issuers with it, who then publish products and card applications themselves.
   */
  public static final String OPERATOR_TOKEN = "branch-operator:branch-operator-demo-token";

  /** The running branch's center address, in its directory while it runs (plain HTTP only). */
  public static final String CENTER_URL_FILE = "center.url";

  /**
   * A home PC branch's registered user (Hanako) and her home password, public on purpose like the
   * demo PINs: the branch registers her at start, with her credit card stored (F13).
   */
  public static final String HOME_USER = "hanako01";

  public static final String HOME_PASSWORD = "hanako-at-home-2026";

  /** Her PIN as a registered user of the center (S2 ¶35), not her cash card's. */
  public static final String HOME_USER_PIN = "735104";

  /** The customers of the branch: card, holder, account and opening balance. */
  public static final List<Customer> CUSTOMERS =
      List.of(
          new Customer("KC-10001", "Hanako Sato", new AccountNumber("0001-001-1234567"), 100_000),
          new Customer("KC-10002", "Taro Suzuki", new AccountNumber("0001-001-2345678"), 3_000));

  private final Path dir;
  private final String units;
  private final Clock clock;
  private final Duration presentTimeout;
  private final BankHostServer bank;
  private final CardNetworkServer network;
  private final IssuerCenterServer center;
  private final IssuerLocalServer issuers;
  private final JposRegistry devices;
  private final Properties pluginProperties;
  private final PluginConfig config;
  private List<DeviceCheck.Report> selfTest = List.of();
  private TicketingPlugin plugin;
  private String ticketsDown = "";
  private CashUnit cash;
  private String cashDown = "";
  private boolean leaveCardAtNextEject;
  private CenterCardAuthorizer centerCards;
  private CenterBankAuthorizer centerBank;

  /** The TLS client of the issuers' own systems, with a certificate of the branch CA. */
  private static javax.net.ssl.SSLContext issuersTls(BranchCertificates certificates) {
    return clientTls(certificates, "ISSUERS");
  }

  /** A TLS client with a certificate of the branch CA naming {@code name}. */
  private static javax.net.ssl.SSLContext clientTls(BranchCertificates certificates, String name) {
    try {
      char[] password = certificates.password().toCharArray();
      return com.kippu.iso8583.LinkTls.client(
              new com.kippu.iso8583.LinkTls.Store(certificates.trustStore(), password),
              Optional.of(
                  new com.kippu.iso8583.LinkTls.Store(certificates.clientKeyStore(name), password)))
          .sslContext();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /**
   * Registers {@code terminalId}, another terminal of the operator's (a shop's kiosk that sold a
   * card earlier), at this branch's center as an ATM under a secret of its own, kept in the branch
   * directory; returns the secret.
   */
  String registerOtherTerminal(String terminalId) throws IOException {
    String secret = secret(dir.resolve("terminal-" + terminalId + ".secret"), 32);
    center.registerTerminal(terminalId, secret);
    return secret;
  }

  /**
   * The TLS client {@code terminalId} reaches this branch's center with: where the center speaks
   * only mutual TLS (a home PC branch's), with a certificate of the branch CA naming it; else none.
   */
  Optional<javax.net.ssl.SSLContext> tlsAs(String terminalId) throws IOException {
    if (config.centerTls().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(clientTls(BranchCertificates.of(dir, TERMINAL_ID), terminalId));
  }

  /** The kind of terminal the branch is. */
  TerminalProfile.Kind kind() {
    return config.terminal().kind();
  }

  /**
   * The PIN of each customer's cash card, by IC card id: demo values, public on purpose, that the
   * scripted customers type on the simulated PIN pad. The bank keeps only their verification
   * values.
   */
  public static final Map<String, String> DEMO_PINS =
      Map.of("KC-10001", "4827", "KC-10002", "6153");

  /** A customer of the simulated bank, with an IC card image in the branch's card drawer. */
  public record Customer(String cardId, String name, AccountNumber account, long openingYen) {}

  /** What happened to the card at the end of a session. */
  public enum CardReturn {
    TAKEN,
    CAPTURED,
    ALREADY_OUT
  }

  private Branch(
      Path dir,
      String units,
      Clock clock,
      Duration presentTimeout,
      BankHostServer bank,
      CardNetworkServer network,
      IssuerCenterServer center,
      IssuerLocalServer issuers,
      JposRegistry devices,
      Properties pluginProperties) {
    this.issuers = issuers;
    this.dir = dir;
    this.units = units;
    this.clock = clock;
    this.presentTimeout = presentTimeout;
    this.bank = bank;
    this.network = network;
    this.center = center;
    this.devices = devices;
    this.pluginProperties = pluginProperties;
    this.config = PluginConfig.from(pluginProperties);
  }

  /** Starts everything with its state under {@code dir}; state already there is reused. */
  public static Branch open(Path dir, Clock clock) throws Exception {
    return open(dir, clock, TERMINAL_ID, PRESENT_TIMEOUT);
  }

  /**
   * Starts a branch whose simulated device units are named after {@code units} (see {@link
   * SimulatedDevices#unitName}), so branches with different names in one JVM share no device; the
   * terminal itself is always {@link #TERMINAL_ID}.
   */
  public static Branch open(Path dir, Clock clock, String units, Duration presentTimeout)
      throws Exception {
    return open(dir, clock, units, presentTimeout, TerminalProfile.Kind.BANK_ATM);
  }

  /** A branch whose terminal is of {@code kind}, with the devices and routes that kind has. */
  public static Branch open(
      Path dir, Clock clock, String units, Duration presentTimeout, TerminalProfile.Kind kind)
      throws Exception {
    return open(dir, clock, units, presentTimeout, kind, UnaryOperator.identity());
  }

  /**
   * As {@link #open(Path, Clock, String, Duration, TerminalProfile.Kind)}, the terminal reaching
   * the center at {@code centerRoute} of its address (a test's recording proxy).
   */
  static Branch open(
      Path dir,
      Clock clock,
      String units,
      Duration presentTimeout,
      TerminalProfile.Kind kind,
      UnaryOperator<URI> centerRoute)
      throws Exception {
    return open(dir, clock, units, presentTimeout, kind, centerRoute, IntUnaryOperator.identity());
  }

  /**
   * As {@link #open(Path, Clock, String, Duration, TerminalProfile.Kind, UnaryOperator)}, the
   * terminal also reaching each host (bank host, card network) on loopback at {@code hostRoute} of
   * its port (a test's recording proxy).
   */
  static Branch open(
      Path dir,
      Clock clock,
      String units,
      Duration presentTimeout,
      TerminalProfile.Kind kind,
      UnaryOperator<URI> centerRoute,
      IntUnaryOperator hostRoute)
      throws Exception {
    String terminalId = TERMINAL_ID;
    // The databases hold account references: the branch directory is its owner's alone.
    OwnerOnly.directory(dir);
    Files.createDirectories(dir.resolve("cards"));
    // Production mode: the host knows only registered terminals, each under its own TMK.
    BankHostServer bank =
        BankHostServer.start(
            dir.resolve("bank-host.db"),
            new HostOptions(0, clock, new SecureRandom(), false, Duration.ofMinutes(5), 16));
    IssuerCenterServer center = null;
    CardNetworkServer network = null;
    CenterCardAuthorizer centerCards = null;
    CenterBankAuthorizer centerBank = null;
    IssuerLocalServer issuers = null;
    try {
      String tmk = secret(dir.resolve("terminal-master.key"), 16);
      bank.registerTerminal(terminalId, HexFormat.of().parseHex(tmk));
      // Opened once: a restart must not wipe what the issuer collected.
      if (!bank.ledger().hasAccount(ISSUER_ACCOUNT)) {
        bank.ledger().openAccount(ISSUER_ACCOUNT, "Tokyo Dome Promotions", 0);
      }
      if (!bank.ledger().hasAccount(RAILWAY_ACCOUNT)) {
        bank.ledger().openAccount(RAILWAY_ACCOUNT, "Kippu Railway", 0);
      }
      boolean freshNetwork = !Files.exists(dir.resolve("card-network.db"));
      network =
          CardNetworkServer.start(
              dir.resolve("card-network.db"),
              new HostOptions(0, clock, new SecureRandom(), false, Duration.ofMinutes(5), 16));
      String networkTmk = secret(dir.resolve("card-network-master.key"), 16);
      network.registerTerminal(terminalId, HexFormat.of().parseHex(networkTmk));
      // The center before the cards: they are personalised with its root key.
      String terminalSecret = secret(dir.resolve("terminal.secret"), 32);
      issuers = IssuerLocalServer.start(dir.resolve("issuer-local.db"), clock);
      // A home PC reaches the center over the Internet: HTTPS with client certificates (S2 ¶52).
      Optional<BranchCertificates> tls =
          kind == TerminalProfile.Kind.HOME_PC
              ? Optional.of(BranchCertificates.of(dir, terminalId))
              : Optional.empty();
      if (kind == TerminalProfile.Kind.HOME_PC) {
        // The center authorises a home PC's card payments at the card network itself (S2 ¶49).
        String centerTmk = secret(dir.resolve("center-card-network-master.key"), 16);
        network.registerTerminal(
            CenterCardAuthorizer.TERMINAL_ID, HexFormat.of().parseHex(centerTmk));
        centerCards =
            CenterCardAuthorizer.connect(
                network.port(),
                HexFormat.of().parseHex(centerTmk),
                dir.resolve("center-card-network-link.db"),
                clock);
        // And orders online-banking transfers at the user's bank itself (S2 ¶51).
        String centerBankTmk = secret(dir.resolve("center-bank-master.key"), 16);
        bank.registerTerminal(
            CenterBankAuthorizer.TERMINAL_ID, HexFormat.of().parseHex(centerBankTmk));
        centerBank =
            CenterBankAuthorizer.connect(
                bank.port(),
                HexFormat.of().parseHex(centerBankTmk),
                dir.resolve("center-bank-link.db"),
                clock);
      }
      center =
          IssuerCenterServer.start(
              centerConfig(
                  dir,
                  terminalSecret,
                  tls.map(
                          c ->
                              new TlsSettings(
                                  c.centerKeyStore(), c.password(), c.trustStore(), c.password()))
                      .orElse(TlsSettings.NONE)),
              clock,
              new HomeRails(
                  centerCards == null ? CardAuthorizer.NONE : centerCards,
                  centerBank == null ? BankAuthorizer.NONE : centerBank));
      // A home PC is the user's own machine, registered as such before its first request: the
      // center takes from it only payments it can check itself (F13, S2 ¶46-51). A branch opened
      // again as another kind in the same directory is an ATM again.
      center.registerSalesTerminal(
          terminalId, kind == TerminalProfile.Kind.HOME_PC, terminalSecret);
      if (kind == TerminalProfile.Kind.KIOSK || kind == TerminalProfile.Kind.HOME_PC) {
        // The kiosk's issuers push their catalogs, over the center's plain development port, or
        // where the center speaks only mutual TLS (a home PC's) with a client certificate of
        // their own; a home PC sells their cards too (F7 onto the user's own card).
        KioskIssuers.publish(center, bank, dir, clock, tls.map(Branch::issuersTls));
        // The prepaid issuer's own records hold the cards it made, worthless until it activates
        // each after its sale (F10).
        issuers.stock(KioskIssuers.PREPAID_ISSUER, KioskIssuers.PREPAID_CARDS);
        // Their local servers get their sales, activations and lost-card notices (S2 ¶25, ¶38-42).
        for (String issuer : KioskIssuers.ALL) {
          center.connectIssuer(new IssuerId(issuer), issuers.salesEndpoint(issuer));
        }
      }
      for (Customer c : CUSTOMERS) {
        if (!Files.exists(cardFile(dir, c))) {
          bank.ledger().openAccount(c.account(), c.name(), c.openingYen());
          personalise(
              dir,
              center,
              cardFile(dir, c),
              new ChipData(c.cardId(), c.name(), c.account().value(), BranchCards.emoneyOf(c)));
          BranchCards.issueDebitCards(bank, c);
        }
        // Also for a branch seeded before transfers needed a PIN; a blocked card stays blocked.
        CardNumber cashCard = CardNumber.ofCashAccount(c.account());
        if (!bank.ledger().hasCashCard(cashCard)) {
          bank.issueCashCard(cashCard, c.account(), demoPin(c).toCharArray());
        }
      }
      BranchCards.openOtherBankAccount(bank);
      if (freshNetwork) {
        BranchCards.issueNetworkCards(network);
      }
      // The demo issuer's local server gets its sales records and lost-card notices (S2 ¶25, ¶38).
      center.connectIssuer(CatalogSeed.ISSUER, issuers.salesEndpoint(CatalogSeed.ISSUER.value()));
      // The PIN pad's second master key, for the center's PIN keys (registered users' PINs).
      String centerMasterKey =
          HexFormat.of()
              .formatHex(
                  CenterPinKeys.masterKey(
                      terminalSecret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      JposRegistry devices = writeJposXml(dir, units, tmk, centerMasterKey);
      Properties p = new Properties();
      p.setProperty("terminal.id", terminalId);
      p.setProperty("terminal.kind", kind.name());
      int bankPort = hostRoute.applyAsInt(bank.port());
      p.setProperty("bank.port", Integer.toString(bankPort));
      p.setProperty("bank.timeoutMs", "5000");
      p.setProperty("center.url", centerRoute.apply(center.baseUri()).toString());
      p.setProperty("center.terminalSecret", terminalSecret);
      if (tls.isPresent()) {
        p.setProperty("center.tls.trustStore", tls.get().trustStore().toString());
        p.setProperty("center.tls.trustStorePassword", tls.get().password());
        p.setProperty("center.tls.keyStore", tls.get().terminalKeyStore().toString());
        p.setProperty("center.tls.keyStorePassword", tls.get().password());
      }
      p.setProperty("center.rootKey", Base64.getEncoder().encodeToString(center.rootKey()));
      p.setProperty("journal.file", dir.resolve("journal.db").toString());
      p.setProperty("bank.stateFile", dir.resolve("bank-link.db").toString());
      p.setProperty("bank.terminalMasterKey", tmk);
      p.setProperty("cardNetwork.port", Integer.toString(hostRoute.applyAsInt(network.port())));
      p.setProperty("cardNetwork.terminalMasterKey", networkTmk);
      p.setProperty("cardNetwork.stateFile", dir.resolve("card-network-link.db").toString());
      p.putAll(kindProperties(kind, dir, bankPort, tmk));
      p.setProperty("devices.jposXml", dir.resolve("jpos.xml").toString());
      String accessKey = secret(dir.resolve("card-access.key"), 32);
      p.setProperty("card.accessKey", accessKey);
      p.setProperty("card.accessCertificate", certifyCardAccess(center, terminalId, accessKey));
      TerminalKeys.moveIntoStore(p, dir);
      Branch branch =
          new Branch(dir, units, clock, presentTimeout, bank, network, center, issuers, devices, p);
      branch.centerCards = centerCards;
      branch.centerBank = centerBank;
      if (kind == TerminalProfile.Kind.KIOSK) {
        // A kiosk's motorised card unit keeps the card in its transport through a power loss.
        branch.slot().rememberIn(dir.resolve("card-unit.txt"));
        // The stocker holds this branch's cards only (a unit of the same name in this JVM may
        // still hold an earlier branch's).
        branch.slot().unloadHopper(KioskStock.BLANK_HOPPER);
        branch.slot().unloadHopper(KioskStock.PREPAID_HOPPER);
        branch.slot().loadStocker(KioskStock.blankCards(branch));
        branch.slot().loadHopper(KioskStock.PREPAID_HOPPER, KioskStock.preValuedCards(branch));
      }
      branch.startDevices();
      if (tls.isEmpty()) {
        // Where the operator's commands reach this center while the branch runs.
        Files.writeString(dir.resolve(CENTER_URL_FILE), center.baseUri().toString());
      }
      return branch;
    } catch (Exception e) {
      if (center != null) {
        center.close();
      }
      if (centerCards != null) {
        centerCards.close();
      }
      if (centerBank != null) {
        centerBank.close();
      }
      if (issuers != null) {
        issuers.close();
      }
      if (network != null) {
        network.close();
      }
      bank.close();
      throw e;
    }
  }

  /**
   * The devices and routes a terminal of {@code kind} has (S1 ¶114-118): an ATM and a kiosk read
   * payment cards and take cash, a kiosk also prints card faces from a stocker; an in-company CD
   * reaches only its own bank over its CD network and issuers at other banks over an alternate
   * route (here the same simulated host stands for both networks); a home PC has no cash and no
   * card reader, only the IC card reader/writer with its e-money and the online banking PIN.
   */
  private static Properties kindProperties(
      TerminalProfile.Kind kind, Path dir, int bankPort, String tmk) {
    Properties p = new Properties();
    p.setProperty("terminal.emoney", "true");
    p.setProperty("terminal.cashIn", Boolean.toString(kind.takesCash()));
    p.setProperty("terminal.cardReader", Boolean.toString(kind != TerminalProfile.Kind.HOME_PC));
    // A bank ATM and a kiosk print tickets (F2) on a ticket printer of their own.
    p.setProperty(
        "terminal.ticketPrinter",
        Boolean.toString(
            kind == TerminalProfile.Kind.BANK_ATM || kind == TerminalProfile.Kind.KIOSK));
    if (kind == TerminalProfile.Kind.KIOSK) {
      p.setProperty("terminal.cardStocker", "true");
      p.setProperty("terminal.cardPresentTimeoutMs", Long.toString(PRESENT_TIMEOUT.toMillis()));
      p.setProperty(
          "terminal.prepaidHoppers", KioskIssuers.PREPAID_10000 + ":" + KioskStock.PREPAID_HOPPER);
    }
    if (kind == TerminalProfile.Kind.IN_COMPANY_CD) {
      p.setProperty("bank.bankCodes", bankCode(CUSTOMERS.get(0).account()));
      p.setProperty("alternate.port", Integer.toString(bankPort));
      p.setProperty("alternate.terminalMasterKey", tmk);
      p.setProperty("alternate.stateFile", dir.resolve("alternate-link.db").toString());
    }
    return p;
  }

  /** The bank code of an account: its first four digits. */
  static String bankCode(AccountNumber account) {
    return account.value().substring(0, 4);
  }

  /**
   * The simulated devices' jpos.xml, the PIN pad holding the terminal's master key as a bank's key
   * injection leaves it, so it can take the PIN key the host sends at key change.
   */
  private static JposRegistry writeJposXml(
      Path dir, String units, String tmk, String centerMasterKey)
      throws JposException, IOException {
    Path jposXml = dir.resolve("jpos.xml");
    JposRegistry devices =
        SimulatedDevices.registry(
                dir.resolve("receipts"),
                jposXml.toAbsolutePath().resolveSibling("cash").resolve("counts.txt"),
                units)
            .withProperties(
                SimulatedDevices.PIN_PAD,
                Map.of(
                    "masterKey",
                    tmk.toUpperCase(),
                    "centerMasterKey",
                    centerMasterKey.toUpperCase()));
    devices.write(jposXml);
    // It holds the PIN pad's master key: owner-only, like the key files beside it.
    OwnerOnly.file(jposXml);
    return devices;
  }

  /** The demo PIN of {@code c}'s cash card. */
  public static String demoPin(Customer c) {
    String pin = DEMO_PINS.get(c.cardId());
    if (pin == null) {
      throw new IllegalArgumentException("no demo PIN for card " + c.cardId());
    }
    return pin;
  }

  /**
   * The simulated customer types {@code pin} and ENTER the next time the PIN pad asks for a PIN
   * (once; call again for a second attempt).
   */
  public void typePinAtNextEntry(String pin) {
    pinPad().whenPinEntryEnabled(k -> k.type(pin).enter());
  }

  /** The keypad of the terminal's simulated PIN pad. */
  public SimulatedKeypads.Keypad pinPad() {
    return SimulatedKeypads.keypad(unitName(SimulatedDevices.PIN_PAD));
  }

  /**
   * Runs the self test on every device (nothing may hold them), then starts the ticket service when
   * its devices passed and opens the cash unit for the operator.
   */
  private void startDevices() {
    selfTest = DeviceCheck.run(devices);
    List<String> missing =
        selfTest.stream()
            .filter(r -> !r.ok())
            .map(DeviceCheck.Report::logicalName)
            .filter(
                n ->
                    n.equals(config.icCardDevice())
                        || n.equals(config.receiptPrinterDevice())
                        || n.equals(config.pinPadDevice()))
            .toList();
    if (!missing.isEmpty()) {
      ticketsDown = "device self test failed for " + String.join(", ", missing);
    } else {
      try {
        TicketingPlugin started = TicketingPlugins.start(config, clock);
        started.recover();
        plugin = started;
        ticketsDown = "";
        if (config.terminal().kind() == TerminalProfile.Kind.HOME_PC) {
          registerHomeUser();
        }
      } catch (TicketingPlugins.StartupException | RuntimeException e) {
        LOG.log(Level.WARNING, "ticket service did not start", e);
        ticketsDown = e.getMessage();
      }
    }
    if (pluginCash().isPresent()) {
      cashDown = "";
      return; // the plugin holds the unit; a claim is exclusive
    }
    try {
      cash = CashUnit.open(devices, SimulatedDevices.CASH_CHANGER);
      cashDown = "";
    } catch (JposException e) {
      cashDown = DeviceCheck.describe(e);
    }
  }

  /** A home PC serves registered users only: Hanako is registered with her home password. */
  private void registerHomeUser() {
    try {
      HomeUser.register(this);
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.log(Level.WARNING, "home PC user " + HOME_USER + " not registered", e);
    }
  }

  /** The cash unit as the ticket plugin opened it for cash payments, if it did. */
  private Optional<CashUnit> pluginCash() {
    return plugin == null
        ? Optional.empty()
        : plugin
            .payments()
            .cashDesk()
            .filter(JavaPosCashDesk.class::isInstance)
            .map(d -> ((JavaPosCashDesk) d).unit());
  }

  private void stopDevices() {
    if (plugin != null) {
      plugin.close();
      plugin = null;
    }
    if (cash != null) {
      try {
        cash.close();
      } catch (JposException e) {
        LOG.warning("closing the cash unit failed: " + DeviceCheck.describe(e));
      }
      cash = null;
    }
  }

  /**
   * Runs the self test again, as after an operator fixed a device: the ticket service and the cash
   * unit are closed for the test and reopened afterwards.
   */
  public synchronized List<DeviceCheck.Report> rerunSelfTest() {
    stopDevices();
    startDevices();
    return selfTest;
  }

  /**
   * Takes the ticket service out of service after a session failed in a way the plugin did not
   * handle: money may be in flight that only start-up recovery settles, so no customer is served
   * until the operator's self test restarts the service (and its recovery runs).
   */
  public synchronized void takeTicketsOutOfService(String why) {
    if (plugin != null) {
      plugin.close();
      plugin = null;
    }
    ticketsDown = why;
  }

  /** The latest self test, one report per logical device of the jpos.xml. */
  public synchronized List<DeviceCheck.Report> selfTest() {
    return selfTest;
  }

  /** Whether the ticket menu can be offered. */
  public synchronized boolean ticketsAvailable() {
    return plugin != null;
  }

  /** Why the ticket menu is not offered; empty when it is. */
  public synchronized String ticketsDown() {
    return ticketsDown;
  }

  /** The cash unit open for the operator: the ticket plugin's, or the branch's own. */
  public synchronized Optional<CashUnit> cash() {
    return pluginCash().or(() -> Optional.ofNullable(cash));
  }

  /** The customer's side of the terminal's simulated cash unit: insert cash, take change. */
  public SimulatedCashUnits.Unit cashSlot() {
    return SimulatedCashUnits.unit(unitName(SimulatedDevices.CASH_CHANGER));
  }

  synchronized String cashDown() {
    return cashDown;
  }

  /**
   * A random secret kept in {@code file} (hex): the terminal's card record master key and its
   * issuer-center secret are made once per branch and kept with its cards and databases.
   */
  private static String secret(Path file, int bytes) throws IOException {
    if (Files.exists(file)) {
      OwnerOnly.file(file);
      String kept = Files.readString(file).trim();
      if (!kept.isEmpty()) {
        return kept;
      }
      // Empty: an older simulator stopped between creating the file and writing the key.
    }
    byte[] key = new byte[bytes];
    new SecureRandom().nextBytes(key);
    String hex = HexFormat.of().formatHex(key);
    // Written whole beside it, then moved into place: a crash never leaves a partial key.
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    OwnerOnly.file(tmp);
    Files.writeString(tmp, hex);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return hex;
  }

  /**
   * The issuer's card authentication master key (hex): cards are personalised with their keys under
   * it, and a venue gate is installed with it to tell a card from a copy of its image.
   */
  public String cardAuthKey() throws IOException {
    return cardAuthKey(dir);
  }

  /**
   * Issues a card as the center's card bureau does ({@link CardImages#personalise}): the chip's own
   * key under the issuer's card authentication master key, a record key of its own, and the
   * center's root key, so it hands its access information only to certified terminals and gates.
   */
  public Path personaliseCard(Path file, ChipData chip) throws IOException {
    return personalise(dir, center, file, chip);
  }

  private static Path personalise(Path dir, IssuerCenterServer center, Path file, ChipData chip)
      throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    return CardImages.personalise(
        file, chip, HexFormat.of().parseHex(cardAuthKey(dir)), center.rootKey());
  }

  /**
   * A fresh card-access key for terminal or gate {@code holder}, certified by the center as the
   * operator does at installation: {@code card.accessKey} (hex) and {@code card.accessCertificate}
   * (base64).
   */
  public Map<String, String> cardAccessFor(String holder) {
    String key = HexFormat.of().formatHex(CardAccessExchange.TerminalKey.generate().privateKey());
    return Map.of(
        "card.accessKey", key, "card.accessCertificate", certifyCardAccess(center, holder, key));
  }

  private static String certifyCardAccess(IssuerCenterServer center, String holder, String key) {
    byte[] publicKey = CardAccessExchange.TerminalKey.of(HexFormat.of().parseHex(key)).publicKey();
    return Base64.getEncoder().encodeToString(center.certifyCardAccess(holder, publicKey));
  }

  /** The branch's center: development mode (the demo catalog) under the branch's own secrets. */
  private static CenterConfig centerConfig(Path dir, String terminalSecret, TlsSettings tls)
      throws IOException {
    return CenterConfig.development(dir.resolve("issuer-center.db"))
        .withPort(0)
        .withTls(tls)
        .withTerminalAuth(new TerminalAuth(true, terminalSecret, TerminalAuth.DEFAULT_MAX_SKEW))
        .withBusiness(
            BusinessRules.defaults()
                .withAdminToken(OPERATOR_TOKEN)
                // The issuers' card authentication key: cards prove they are present.
                .withUsers(UserSecurity.defaults().withCardAuthKey(cardAuthKey(dir))));
  }

  /**
   * The center of the stopped branch in {@code dir} alone, on loopback, for an operator's action at
   * the center (a void from the staff queue); its outbox waits for the branch's next start to reach
   * the issuers. Fails while the branch runs (its center holds the database).
   */
  public static IssuerCenterServer openCenter(Path dir, Clock clock) throws IOException {
    if (!Files.isRegularFile(dir.resolve("issuer-center.db"))
        || !Files.isRegularFile(dir.resolve("terminal.secret"))) {
      throw new IllegalArgumentException("no branch center in " + dir);
    }
    return IssuerCenterServer.start(
        centerConfig(dir, secret(dir.resolve("terminal.secret"), 32), TlsSettings.NONE),
        clock,
        CardAuthorizer.NONE);
  }

  /** The operator's bearer token for the branch's center (never printed). */
  public static String operatorBearer() {
    return OPERATOR_TOKEN.substring(OPERATOR_TOKEN.indexOf(':') + 1);
  }

  private static String cardAuthKey(Path dir) throws IOException {
    return secret(dir.resolve("card-auth-master.key"), 32);
  }

  static Path cardFile(Path dir, Customer c) {
    return dir.resolve("cards").resolve(c.cardId() + ".card");
  }

  public Path cardFile(Customer c) {
    return cardFile(dir, c);
  }

  /** Puts the customer's card into the terminal's IC card reader/writer. */
  public void insertCard(Customer c) {
    slot().insert(cardFile(c));
  }

  /** The customer pulls the card out of the slot (a no-op when it is already out). */
  public void removeCard() {
    slot().remove();
  }

  /** The physical slot of the terminal's IC card reader/writer, with its fault switches. */
  public SimulatedCardSlots.Slot slot() {
    return SimulatedCardSlots.slot(unitName(SimulatedDevices.IC_CARD));
  }

  /** Fault switch: the customer walks away from the card at the next eject. */
  public synchronized void leaveCardAtNextEject() {
    leaveCardAtNextEject = true;
  }

  public synchronized boolean cardLeftAtNextEject() {
    return leaveCardAtNextEject;
  }

  /**
   * Ends a session the way the ATM does: the card is presented at the slot through the reader's
   * eject command; the customer takes it, or (fault switch) walks away and it is retracted into the
   * capture bin after the present timeout.
   */
  public CardReturn returnCard() throws JposException {
    return returnCard(SimulatedCardSlots.Slot::remove);
  }

  /**
   * As {@link #returnCard()}, {@code customer} acting when the card is presented (it must not
   * block: e.g. show a "take your card" button whose click removes the card).
   */
  public CardReturn returnCard(Consumer<SimulatedCardSlots.Slot> customer) throws JposException {
    if (slot().card().isEmpty()) {
      return CardReturn.ALREADY_OUT;
    }
    boolean leave;
    IcCardReaderWriter reader;
    synchronized (this) {
      leave = leaveCardAtNextEject;
      leaveCardAtNextEject = false;
      if (plugin == null || !(plugin.card() instanceof JavaPosIcCard card)) {
        throw new JposException(
            JposConst.JPOS_E_CLOSED, "the IC card reader/writer is not open: " + ticketsDown);
      }
      reader = card.reader();
    }
    slot().whenPresented(leave ? s -> {} : customer);
    CardStocker.Ejection ejection = reader.stocker().eject((int) presentTimeout.toMillis());
    return ejection == CardStocker.Ejection.TAKEN ? CardReturn.TAKEN : CardReturn.CAPTURED;
  }

  public String terminalId() {
    return TERMINAL_ID;
  }

  /**
   * The operator's desk for staff cases: a ticket to void is voided at this branch's center under
   * the operator's token (over the home PC branch's TLS, as its own), the rest done at the branch.
   */
  public com.kippu.simulator.ops.CenterDesk operatorDesk() {
    java.net.http.HttpClient.Builder client = java.net.http.HttpClient.newBuilder();
    try {
      plugin().config().centerTls().ifPresent(tls -> client.sslContext(tls.sslContext()));
    } catch (IllegalStateException e) {
      // The ticket service is down: a plain branch's center needs no TLS anyway.
    }
    return new com.kippu.simulator.ops.CenterDesk(
        center().baseUri(), operatorBearer(), client.build());
  }

  /** The simulated physical unit behind {@code logicalName}: its slot, roll, cash unit or power. */
  public String unitName(String logicalName) {
    return SimulatedDevices.unitName(units, logicalName);
  }

  public Clock clock() {
    return clock;
  }

  /**
   * A copy of the configuration the branch's plugin was started with, as a bank's ATM software
   * would hand it over (it holds the terminal's keys): for another terminal of the same branch.
   */
  public Properties pluginProperties() {
    Properties copy = new Properties();
    copy.putAll(pluginProperties);
    return copy;
  }

  public JposRegistry devices() {
    return devices;
  }

  public Path dir() {
    return dir;
  }

  public BankHostServer bank() {
    return bank;
  }

  public IssuerCenterServer center() {
    return center;
  }

  /**
   * The running ticket plugin.
   *
   * @throws IllegalStateException when the ticket service is down (see {@link #ticketsDown})
   */
  public synchronized TicketingPlugin plugin() {
    if (plugin == null) {
      throw new IllegalStateException("the ticket service is not running: " + ticketsDown);
    }
    return plugin;
  }

  /** Where the simulated cash unit keeps its counts; its power switch is keyed by this file. */
  public Path cashCountsFile() {
    return dir.toAbsolutePath().resolve("cash").resolve("counts.txt");
  }

  public Path receipts() {
    return dir.resolve("receipts");
  }

  @Override
  public synchronized void close() {
    try {
      Files.deleteIfExists(dir.resolve(CENTER_URL_FILE));
    } catch (IOException e) {
      LOG.log(Level.WARNING, "could not remove " + CENTER_URL_FILE, e);
    }
    removeCard();
    slot().forget();
    stopDevices();
    center.close();
    if (centerCards != null) {
      centerCards.close();
    }
    if (centerBank != null) {
      centerBank.close();
    }
    if (issuers != null) {
      issuers.close();
    }
    network.close();
    bank.close();
  }

  /** The issuers' local servers: sales records and lost-card notices received, cards flagged. */
  public IssuerLocalServer issuers() {
    return issuers;
  }

  /** The card network's host: credit and prepaid cards (S2 ¶27-32). */
  public CardNetworkServer network() {
    return network;
  }

  /** The center's own link to the bank for home PC online banking (S2 ¶51); a home PC's only. */
  public java.util.Optional<CenterBankAuthorizer> centerBank() {
    return java.util.Optional.ofNullable(centerBank);
  }
}
