package com.kippu.devices.cash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.DeviceCommits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CashLedgerTest {

  @TempDir Path dir;

  private static CashCounts counts(String upos) {
    return CashCounts.parse(upos, Denomination.YEN);
  }

  @Test
  void theCrashHookHearsOfEachMoveOnceItIsOnDisk() throws Exception {
    Path file = dir.resolve("counts.txt");
    CashLedger ledger = CashLedger.open(file, counts("100:5"));
    List<String> heard = new ArrayList<>();
    DeviceCommits.listen(
        point -> {
          try {
            heard.add(point + " " + CashLedger.read(file).depositEscrow());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    try {
      ledger.escrowDeposit(counts(";10000:1"));
      ledger.storeDeposit();
    } finally {
      DeviceCommits.listen(null);
    }
    ledger.pick(Denomination.COIN_100);
    assertEquals(
        List.of("cash-unit " + counts(";10000:1"), "cash-unit " + CashCounts.empty()), heard);
  }

  @Test
  void everyMoveIsOnDiskAndTheInitialStockOnlyAppliesToANewFile() throws Exception {
    Path file = dir.resolve("sub/counts.txt");
    CashLedger ledger = CashLedger.open(file, counts("100:5;1000:5"));
    ledger.escrowDeposit(counts(";10000:1"));
    assertEquals(counts(";10000:1"), CashLedger.read(file).depositEscrow());
    ledger.storeDeposit();
    ledger.pick(Denomination.NOTE_1000);
    ledger.pick(Denomination.NOTE_1000);
    assertEquals(counts(";1000:2"), CashLedger.read(file).dispenseEscrow());
    ledger.deliverDispense();
    ledger.pick(Denomination.COIN_100);
    ledger.retractDispense();
    ledger.markDiscrepancy();

    CashLedger.Snapshot s = CashLedger.open(file, counts(";1000:99")).snapshot();
    assertEquals(counts("100:4;1000:3,10000:1"), s.stock());
    assertTrue(s.depositEscrow().isEmpty());
    assertTrue(s.dispenseEscrow().isEmpty());
    assertEquals(counts("100:1"), s.retracted());
    assertTrue(s.discrepancy());

    ledger.adjustStock(counts("100:0"), List.of(Denomination.COIN_100));
    assertEquals(counts(";1000:3,10000:1"), CashLedger.read(file).stock());
    assertEquals(false, CashLedger.read(file).discrepancy(), "an operator count clears it");
  }

  @Test
  void aFailedWriteChangesNothing() throws Exception {
    Path file = dir.resolve("counts.txt");
    CashLedger ledger = CashLedger.open(file, counts(";1000:5"));
    Files.createDirectory(dir.resolve("counts.txt.tmp")); // the temp file cannot be written

    assertThrows(UncheckedIOException.class, () -> ledger.pick(Denomination.NOTE_1000));

    assertEquals(counts(";1000:5"), ledger.stock());
    assertEquals(counts(";1000:5"), CashLedger.read(file).stock());
    assertThrows(IllegalStateException.class, () -> ledger.pick(Denomination.NOTE_5000));
  }

  @Test
  void aFileThatIsNotALedgerIsRefusedWithItsName() throws Exception {
    Path file = dir.resolve("broken.txt");
    Files.writeString(file, "stock=1000:x\n");
    IOException e =
        assertThrows(IOException.class, () -> CashLedger.open(file, CashCounts.empty()));
    assertTrue(e.getMessage().contains("broken.txt"), e.getMessage());
  }
}
