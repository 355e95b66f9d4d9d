package com.kippu.simulator.bench;

import com.kippu.center.db.Database;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.terminal.TerminalSeed;
import com.kippu.center.terminal.sql.SqlTerminalRepository;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.simulator.Branch;
import com.kippu.simulator.TerminalKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Installs the benchmark's ATM, {@value #TERMINAL_ID}, in a branch: master keys of its own at the
 * bank host and the card network, a secret of its own at the issuer center, its own journal, link
 * state and simulated devices (named after the terminal), and otherwise the configuration of the
 * branch's own plugin. Its receipt printer writes text only, no PNG picture of the paper.
 */
final class TerminalSetup {
  static final String TERMINAL_ID = "ATM00002";

  private final String masterKey;
  private final String networkMasterKey;
  private final String centerSecret;

  TerminalSetup() {
    SecureRandom random = new SecureRandom();
    masterKey = randomHex(random, 16);
    networkMasterKey = randomHex(random, 16);
    centerSecret = randomHex(random, 32);
  }

  /** Registers the terminal and its secret in the center's database, before the center runs. */
  void registerAtCenter(Database db, Clock clock) {
    new TerminalSeed(new SqlTerminalRepository(db), clock)
        .seedIfAbsent(new TerminalId(TERMINAL_ID), centerSecret);
  }

  /**
   * Registers the terminal at the branch's bank host and card network and writes its devices under
   * {@code dir}; returns its configuration.
   */
  Properties install(Branch branch, Path dir) throws IOException {
    ownerOnlyDirectory(dir);
    Properties p = branch.pluginProperties();
    // The terminal gets keys of its own, in a store of its own, and a card-access key the center
    // certified for it, so the branch's cards hand it their access information.
    p.remove("keys.store");
    p.remove("keys.storePasswordFile");
    p.putAll(branch.cardAccessFor(TERMINAL_ID));
    p.setProperty("terminal.id", TERMINAL_ID);
    branch.bank().registerTerminal(TERMINAL_ID, HexFormat.of().parseHex(masterKey));
    p.setProperty("bank.terminalMasterKey", masterKey);
    if (p.getProperty("cardNetwork.port") != null) {
      branch.network().registerTerminal(TERMINAL_ID, HexFormat.of().parseHex(networkMasterKey));
      p.setProperty("cardNetwork.terminalMasterKey", networkMasterKey);
    }
    p.setProperty("center.terminalSecret", centerSecret);
    // Every store of the terminal's own state moves into its directory, under the same name.
    for (String key : p.stringPropertyNames()) {
      if (key.equals("journal.file") || key.endsWith(".stateFile")) {
        p.setProperty(key, dir.resolve(Path.of(p.getProperty(key)).getFileName()).toString());
      }
    }
    Path jposXml = dir.resolve("jpos.xml");
    try {
      SimulatedDevices.registry(
              dir.resolve("receipts"), dir.resolve("cash-counts.txt"), TERMINAL_ID)
          .withProperties(
              SimulatedDevices.PIN_PAD, Map.of("masterKey", masterKey.toUpperCase(Locale.ROOT)))
          .withProperties(SimulatedDevices.RECEIPT_PRINTER, Map.of("renderPng", Boolean.FALSE))
          .write(jposXml);
    } catch (jpos.JposException e) {
      throw new IOException("cannot write the devices of " + TERMINAL_ID + ": " + e, e);
    }
    p.setProperty("devices.jposXml", jposXml.toString());
    TerminalKeys.moveIntoStore(p, dir);
    return p;
  }

  private static String randomHex(SecureRandom random, int bytes) {
    byte[] key = new byte[bytes];
    random.nextBytes(key);
    return HexFormat.of().formatHex(key);
  }

  /** Creates {@code dir} for its owner alone: it holds keys and account references. */
  static void ownerOnlyDirectory(Path dir) throws IOException {
    Files.createDirectories(dir);
    if (dir.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
