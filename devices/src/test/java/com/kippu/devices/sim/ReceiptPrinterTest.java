package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.ReceiptPrinter;
import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.JposRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import jpos.POSPrinterConst;
import jpos.services.POSPrinterService114;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReceiptPrinterTest {

  @TempDir Path dir;

  private JposRegistry registry(Path out) throws Exception {
    return SimulatedDevices.registry(out, "slot-" + UUID.randomUUID());
  }

  @Test
  void eachReceiptIsOneNumberedUtf8File() throws Exception {
    Path out = dir.resolve("receipts");
    try (ReceiptPrinter printer =
        ReceiptPrinter.open(registry(out), SimulatedDevices.RECEIPT_PRINTER)) {
      printer.printReceipt(List.of("KIPPU TICKET RECEIPT", "公演: 夏のコンサート", "¥8,800"));
      printer.printReceipt(List.of("second", "inject \u001b|2C? no"));
    }
    assertEquals(
        "KIPPU TICKET RECEIPT\n公演: 夏のコンサート\n¥8,800\n",
        Files.readString(out.resolve("receipt-0001.txt"), StandardCharsets.UTF_8));
    assertEquals(
        "second\ninject |2C? no\n",
        Files.readString(out.resolve("receipt-0002.txt"), StandardCharsets.UTF_8));
    assertTrue(Files.size(out.resolve("receipt-0001.png")) > 0);

    // A restarted printer continues the numbering instead of overwriting.
    try (ReceiptPrinter printer =
        ReceiptPrinter.open(registry(out), SimulatedDevices.RECEIPT_PRINTER)) {
      printer.printReceipt(List.of("third"));
    }
    assertEquals("third\n", Files.readString(out.resolve("receipt-0003.txt")));
  }

  @Test
  void supportedEscapesAreInterpretedOthersStripped() throws Exception {
    Path out = dir.resolve("esc");
    try (DeviceSession<POSPrinterService114> s =
        DeviceSession.open(
            registry(out), SimulatedDevices.RECEIPT_PRINTER, POSPrinterService114.class, 1000)) {
      POSPrinterService114 p = s.service();
      p.printNormal(
          POSPrinterConst.PTR_S_RECEIPT,
          "\u001b|cAMIDDLE\n\u001b|rARIGHT\n\u001b|bCbold\u001b|N \u001b|4Cbig\u001b|2lFend\n");
      p.cutPaper(100);
    }
    String centred = " ".repeat((42 - 6) / 2) + "MIDDLE";
    String right = " ".repeat(42 - 5) + "RIGHT";
    assertEquals(
        centred + "\n" + right + "\nbold big\n\nend\n",
        Files.readString(out.resolve("receipt-0001.txt")));
  }

  @Test
  void asyncOutputCompletesWithEvent() throws Exception {
    Path out = dir.resolve("async");
    CountDownLatch complete = new CountDownLatch(1);
    AtomicInteger completedId = new AtomicInteger();
    try (DeviceSession<POSPrinterService114> s =
        DeviceSession.open(
            registry(out),
            SimulatedDevices.RECEIPT_PRINTER,
            POSPrinterService114.class,
            1000,
            session -> {
              session
                  .events()
                  .addOutputCompleteListener(
                      e -> {
                        completedId.set(e.getOutputID());
                        complete.countDown();
                      });
              session.service().setAsyncMode(true);
            })) {
      s.service().printNormal(POSPrinterConst.PTR_S_RECEIPT, "async\n\u001b|fP");
      int id = s.service().getOutputID();
      assertTrue(complete.await(5, TimeUnit.SECONDS));
      assertEquals(id, completedId.get());
    }
    assertEquals("async\n", Files.readString(out.resolve("receipt-0001.txt")));
  }
}
