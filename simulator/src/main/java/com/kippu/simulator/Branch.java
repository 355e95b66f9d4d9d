package com.kippu.simulator;

import com.kippu.atm.PluginConfig;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.TicketingPlugins;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.center.CenterConfig;
import com.kippu.center.CenterConfig.TerminalAuth;
import com.kippu.center.IssuerCenterServer;
import com.kippu.devices.ChipData;
import com.kippu.devices.sim.CardImages;
import com.kippu.devices.sim.SimulatedCardSlots;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.simulator.bank.BankHostServer;
import com.kippu.simulator.bank.HostOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

/**
 * One bank branch on one PC: the bank host (jPOS over TCP, SQLite ledger), the issuer center (HTTP,
 * SQLite), the terminal's simulated JavaPOS devices from a generated {@code jpos.xml}, and the
 * ticket plugin wired to all of them exactly as a bank's ATM software would wire it.
 */
public final class Branch implements AutoCloseable {
  public static final String TERMINAL_ID = "ATM00001";
  public static final AccountNumber ISSUER_ACCOUNT = new AccountNumber("0009-001-7654321");

  /** The customers of the branch: card, holder, account and opening balance. */
  public static final List<Customer> CUSTOMERS =
      List.of(
          new Customer("KC-10001", "Hanako Sato", new AccountNumber("0001-001-1234567"), 100_000),
          new Customer("KC-10002", "Taro Suzuki", new AccountNumber("0001-001-2345678"), 3_000));

  private final Path dir;
  private final BankHostServer bank;
  private final IssuerCenterServer center;
  private final TicketingPlugin plugin;

  /** A customer of the simulated bank, with an IC card image in the branch's card drawer. */
  public record Customer(String cardId, String name, AccountNumber account, long openingYen) {}

  private Branch(Path dir, BankHostServer bank, IssuerCenterServer center, TicketingPlugin plugin) {
    this.dir = dir;
    this.bank = bank;
    this.center = center;
    this.plugin = plugin;
  }

  /** Starts everything with its state under {@code dir}; state already there is reused. */
  public static Branch open(Path dir, Clock clock) throws Exception {
    Files.createDirectories(dir.resolve("cards"));
    // Production mode: the host knows only registered terminals, each under its own TMK.
    BankHostServer bank =
        BankHostServer.start(
            dir.resolve("bank-host.db"),
            new HostOptions(0, clock, new SecureRandom(), false, Duration.ofMinutes(5), 16));
    IssuerCenterServer center = null;
    try {
      String tmk = secret(dir.resolve("terminal-master.key"), 16);
      bank.registerTerminal(TERMINAL_ID, HexFormat.of().parseHex(tmk));
      // Opened once: a restart must not wipe what the issuer collected.
      if (!bank.ledger().hasAccount(ISSUER_ACCOUNT)) {
        bank.ledger().openAccount(ISSUER_ACCOUNT, "Tokyo Dome Promotions", 0);
      }
      for (Customer c : CUSTOMERS) {
        if (!Files.exists(cardFile(dir, c))) {
          bank.ledger().openAccount(c.account(), c.name(), c.openingYen());
          CardImages.create(
              cardFile(dir, c), new ChipData(c.cardId(), c.name(), c.account().value(), 0));
        }
      }
      String terminalSecret = secret(dir.resolve("terminal.secret"), 32);
      center =
          IssuerCenterServer.start(
              CenterConfig.defaults(dir.resolve("issuer-center.db"))
                  .withPort(0)
                  .withTerminalAuth(
                      new TerminalAuth(true, terminalSecret, TerminalAuth.DEFAULT_MAX_SKEW)),
              clock);
      SimulatedDevices.writeJposXml(dir.resolve("jpos.xml"), dir.resolve("receipts"), TERMINAL_ID);
      Properties p = new Properties();
      p.setProperty("terminal.id", TERMINAL_ID);
      p.setProperty("terminal.kind", "BANK_ATM");
      p.setProperty("bank.port", Integer.toString(bank.port()));
      p.setProperty("bank.timeoutMs", "5000");
      p.setProperty("center.url", center.baseUri().toString());
      p.setProperty("center.terminalSecret", terminalSecret);
      p.setProperty("journal.file", dir.resolve("journal.db").toString());
      p.setProperty("bank.stateFile", dir.resolve("bank-link.db").toString());
      p.setProperty("bank.terminalMasterKey", tmk);
      p.setProperty("devices.jposXml", dir.resolve("jpos.xml").toString());
      p.setProperty("card.masterKey", secret(dir.resolve("card-master.key"), 32));
      TicketingPlugin plugin = TicketingPlugins.start(PluginConfig.from(p), clock);
      plugin.recover();
      return new Branch(dir, bank, center, plugin);
    } catch (Exception e) {
      if (center != null) {
        center.close();
      }
      bank.close();
      throw e;
    }
  }

  /**
   * A random secret kept in {@code file} (hex): the terminal's card record master key and its
   * issuer-center secret are made once per branch and kept with its cards and databases.
   */
  private static String secret(Path file, int bytes) throws IOException {
    if (!Files.exists(file)) {
      byte[] key = new byte[bytes];
      new SecureRandom().nextBytes(key);
      Files.writeString(file, HexFormat.of().formatHex(key));
    }
    return Files.readString(file).trim();
  }

  static Path cardFile(Path dir, Customer c) {
    return dir.resolve("cards").resolve(c.cardId() + ".card");
  }

  public Path cardFile(Customer c) {
    return cardFile(dir, c);
  }

  /** Puts the customer's card into the terminal's IC card reader/writer. */
  public void insertCard(Customer c) {
    SimulatedCardSlots.slot(TERMINAL_ID).insert(cardFile(c));
  }

  public void removeCard() {
    SimulatedCardSlots.slot(TERMINAL_ID).remove();
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

  public TicketingPlugin plugin() {
    return plugin;
  }

  public Path receipts() {
    return dir.resolve("receipts");
  }

  @Override
  public void close() {
    removeCard();
    plugin.close();
    center.close();
    bank.close();
  }
}
