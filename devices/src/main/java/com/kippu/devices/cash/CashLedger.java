package com.kippu.devices.cash;

import com.kippu.devices.DeviceCommits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Where every coin and note of one cash unit is, persisted to a small text file on every change so
 * the counts survive a restart or power loss. Cash only moves between bins (stock, deposit escrow,
 * dispense escrow, retract bin: untaken change, pieces left by a jam, deposits kept after a
 * deposit-path jam; repaying: a deposit on its way back to the customer) or in and out through the
 * customer, so a failed write leaves both the file and the ledger as they were. Thread-safe.
 */
public final class CashLedger {

  /** The contents of every bin at one moment. */
  public record Snapshot(
      CashCounts stock,
      CashCounts depositEscrow,
      CashCounts dispenseEscrow,
      CashCounts retracted,
      CashCounts repaying,
      boolean discrepancy) {

    static final Snapshot EMPTY =
        new Snapshot(
            CashCounts.empty(),
            CashCounts.empty(),
            CashCounts.empty(),
            CashCounts.empty(),
            CashCounts.empty(),
            false);

    Snapshot withStock(CashCounts c) {
      return new Snapshot(c, depositEscrow, dispenseEscrow, retracted, repaying, discrepancy);
    }

    Snapshot withDepositEscrow(CashCounts c) {
      return new Snapshot(stock, c, dispenseEscrow, retracted, repaying, discrepancy);
    }

    Snapshot withDispenseEscrow(CashCounts c) {
      return new Snapshot(stock, depositEscrow, c, retracted, repaying, discrepancy);
    }

    Snapshot withRetracted(CashCounts c) {
      return new Snapshot(stock, depositEscrow, dispenseEscrow, c, repaying, discrepancy);
    }

    Snapshot withRepaying(CashCounts c) {
      return new Snapshot(stock, depositEscrow, dispenseEscrow, retracted, c, discrepancy);
    }

    Snapshot withDiscrepancy(boolean d) {
      return new Snapshot(stock, depositEscrow, dispenseEscrow, retracted, repaying, d);
    }
  }

  private final Path file;
  private Snapshot now;

  private CashLedger(Path file, Snapshot now) {
    this.file = file;
    this.now = now;
  }

  /**
   * Opens the ledger kept in {@code file}; when the file does not exist yet it is created with
   * {@code initialStock} in stock.
   *
   * @throws IOException when the file cannot be read, is not a ledger, or cannot be created
   */
  public static CashLedger open(Path file, CashCounts initialStock) throws IOException {
    Path absolute = file.toAbsolutePath();
    if (Files.exists(absolute)) {
      return new CashLedger(absolute, read(absolute));
    }
    Files.createDirectories(absolute.getParent());
    CashLedger ledger = new CashLedger(absolute, Snapshot.EMPTY);
    ledger.write(Snapshot.EMPTY.withStock(initialStock));
    return ledger;
  }

  /** Reads a ledger file without opening it, e.g. to report counts while the device is off. */
  public static Snapshot read(Path file) throws IOException {
    Map<String, String> values = new HashMap<>();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        String l = line.trim();
        if (l.isEmpty() || l.startsWith("#")) {
          continue;
        }
        int eq = l.indexOf('=');
        if (eq < 0) {
          throw new IOException(file + " is not a cash ledger: line '" + l + "'");
        }
        values.put(l.substring(0, eq).trim(), l.substring(eq + 1).trim());
      }
      return new Snapshot(
          bin(values, "stock"),
          bin(values, "depositEscrow"),
          bin(values, "dispenseEscrow"),
          bin(values, "retracted"),
          bin(values, "repaying"),
          Boolean.parseBoolean(values.getOrDefault("discrepancy", "false")));
    } catch (IllegalArgumentException e) {
      throw new IOException(file + " is not a cash ledger: " + e.getMessage(), e);
    }
  }

  private static CashCounts bin(Map<String, String> values, String key) {
    return CashCounts.parse(values.getOrDefault(key, ""), Denomination.YEN);
  }

  public Path file() {
    return file;
  }

  public synchronized Snapshot snapshot() {
    return now;
  }

  public synchronized CashCounts stock() {
    return now.stock;
  }

  /** Cash a customer inserted into an open deposit; it is the customer's until stored. */
  public synchronized void escrowDeposit(CashCounts inserted) {
    write(now.withDepositEscrow(now.depositEscrow.plus(inserted)));
  }

  /** Moves the deposit escrow into stock (the deposit was accepted); returns what was stored. */
  public synchronized CashCounts storeDeposit() {
    CashCounts stored = now.depositEscrow;
    write(now.withStock(now.stock.plus(stored)).withDepositEscrow(CashCounts.empty()));
    return stored;
  }

  /**
   * Records the intent to hand the deposit escrow back, before the mechanism moves: the escrow goes
   * into the repaying bin, so a crash during the hand-out can never repay it a second time. Returns
   * what is being repaid; {@link #finishRepay}, {@link #retainRepay} or {@link #writeOffRepay} ends
   * it.
   */
  public synchronized CashCounts startRepay() {
    CashCounts repaid = now.depositEscrow;
    write(now.withDepositEscrow(CashCounts.empty()).withRepaying(now.repaying.plus(repaid)));
    return repaid;
  }

  /** The repaid notes reached the customer; returns what was repaid. */
  public synchronized CashCounts finishRepay() {
    CashCounts repaid = now.repaying;
    write(now.withRepaying(CashCounts.empty()));
    return repaid;
  }

  /**
   * The repaid notes jammed on the way out and stay in the unit: they go into the retract bin.
   * Returns what was retained.
   */
  public synchronized CashCounts retainRepay() {
    CashCounts retained = now.repaying;
    write(now.withRetracted(now.retracted.plus(retained)).withRepaying(CashCounts.empty()));
    return retained;
  }

  /**
   * A repay was interrupted (crash, power loss, controller failure) and nobody knows whether the
   * notes came out: they are counted as repaid, never repaid again, and the discrepancy flag asks
   * the operator to count the unit. Returns what the interrupted repay held.
   */
  public synchronized CashCounts writeOffRepay() {
    CashCounts unknown = now.repaying;
    write(now.withRepaying(CashCounts.empty()).withDiscrepancy(true));
    return unknown;
  }

  /**
   * The deposit escrow went into the retract bin: the unit kept the customer's cash after a jam on
   * the deposit path. Returns what was retained.
   */
  public synchronized CashCounts retainDeposit() {
    CashCounts retained = now.depositEscrow;
    write(now.withDepositEscrow(CashCounts.empty()).withRetracted(now.retracted.plus(retained)));
    return retained;
  }

  /**
   * One piece picked from stock into the dispense escrow.
   *
   * @throws IllegalStateException when the stock of {@code d} is already zero
   */
  public synchronized void pick(Denomination d) {
    if (now.stock.count(d) == 0) {
      throw new IllegalStateException("no " + d.yen() + " yen left in stock to pick");
    }
    CashCounts one = CashCounts.of(d, 1);
    write(now.withStock(now.stock.minus(one)).withDispenseEscrow(now.dispenseEscrow.plus(one)));
  }

  /** The dispense escrow was taken by the customer; returns what was delivered. */
  public synchronized CashCounts deliverDispense() {
    CashCounts delivered = now.dispenseEscrow;
    write(now.withDispenseEscrow(CashCounts.empty()));
    return delivered;
  }

  /** The dispense escrow went into the retract bin (not taken, or removed after a jam). */
  public synchronized CashCounts retractDispense() {
    CashCounts retracted = now.dispenseEscrow;
    write(now.withDispenseEscrow(CashCounts.empty()).withRetracted(now.retracted.plus(retracted)));
    return retracted;
  }

  /**
   * Sets the stock of the denominations listed in {@code counts} (UnifiedPOS adjustCashCounts: the
   * operator counted or replenished them) and clears the discrepancy flag.
   */
  public synchronized void adjustStock(CashCounts counts, Iterable<Denomination> listed) {
    CashCounts stock = now.stock;
    for (Denomination d : listed) {
      stock = stock.with(d, counts.count(d));
    }
    write(now.withStock(stock).withDiscrepancy(false));
  }

  /** Records that the counts may not match the cash (pieces whose fate the unit cannot know). */
  public synchronized void markDiscrepancy() {
    write(now.withDiscrepancy(true));
  }

  private void write(Snapshot next) {
    String text =
        "# Kippu cash unit ledger, UnifiedPOS cash counts (coins;notes); rewritten on every"
            + " change\n"
            + "stock="
            + next.stock.format(Denomination.YEN)
            + "\ndepositEscrow="
            + next.depositEscrow.format(Denomination.YEN)
            + "\ndispenseEscrow="
            + next.dispenseEscrow.format(Denomination.YEN)
            + "\nretracted="
            + next.retracted.format(Denomination.YEN)
            + "\nrepaying="
            + next.repaying.format(Denomination.YEN)
            + "\ndiscrepancy="
            + next.discrepancy
            + "\n";
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      try (FileChannel ch =
          FileChannel.open(
              tmp,
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.TRUNCATE_EXISTING)) {
        ch.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
        ch.force(true); // the counts are money: on disk before the move makes them current
      }
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write cash ledger " + file + ": " + e.getMessage(), e);
    }
    now = next;
    DeviceCommits.committed(DeviceCommits.CASH_UNIT);
  }
}
