package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.CardStocker;
import com.kippu.devices.ChipData;
import com.kippu.devices.EMoneyPurse;
import com.kippu.devices.IcCardReaderWriter;
import com.kippu.devices.MagneticCardReader;
import com.kippu.devices.PrintDocument;
import com.kippu.devices.ReceiptPrinter;
import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.JposRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jpos.ElectronicValueRWConst;
import jpos.JposConst;
import jpos.JposException;
import jpos.POSPrinterConst;
import jpos.SmartCardRWConst;
import jpos.services.POSPrinterService114;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every hardware fault a simulated device can be made to have, each asserting the JavaPOS error,
 * the device state and the counters afterwards.
 */
class FaultMatrixTest {

  @TempDir Path dir;
  private String terminal;
  private JposRegistry registry;
  private SimulatedCardSlots.Slot slot;
  private Path out;

  @BeforeEach
  void setUp() throws Exception {
    terminal = "t-" + UUID.randomUUID();
    out = dir.resolve("out");
    registry = SimulatedDevices.registry(out, terminal);
    slot = SimulatedCardSlots.slot(terminal);
  }

  @AfterEach
  void tearDown() {
    slot.remove();
  }

  private SimulatedHardware.Unit unit(String logicalName) {
    return SimulatedHardware.unit(SimulatedDevices.unitName(terminal, logicalName));
  }

  private Path card(String name) throws Exception {
    return CardImages.create(dir.resolve(name), new ChipData("KC-" + name, "Hanako", "0001", 0));
  }

  @Test
  void cardPulledMidWriteIsTornNeverARecordAndTheCardStillTakesAppends() throws Exception {
    Path card = card("a.kic");
    try (IcCardReaderWriter reader = IcCardReaderWriter.open(registry, SimulatedDevices.IC_CARD)) {
      slot.insert(card);
      reader.append("ticket-1".getBytes(StandardCharsets.UTF_8));
      slot.pullCardDuringNextWrite(10);
      JposException torn =
          assertThrows(
              JposException.class,
              () -> reader.append("ticket-2".getBytes(StandardCharsets.UTF_8)));
      assertEquals(JposConst.JPOS_E_EXTENDED, torn.getErrorCode());
      assertEquals(SmartCardRWConst.JPOS_ESC_TORN, torn.getErrorCodeExtended());
      assertFalse(reader.cardPresent()); // the card left with the customer's hand

      slot.insert(card);
      List<byte[]> records = reader.readWriteOnceArea();
      assertEquals(1, records.size());
      assertArrayEquals("ticket-1".getBytes(StandardCharsets.UTF_8), records.get(0));
      assertEquals(1, reader.tornAppends());
      reader.append("ticket-2".getBytes(StandardCharsets.UTF_8));
      assertEquals(2, reader.readWriteOnceArea().size());
    }
  }

  @Test
  void presentTimeoutCapturesTheCardAndCountsIt() throws Exception {
    slot.loadStocker(List.of(card("b.kic")));
    try (IcCardReaderWriter reader = IcCardReaderWriter.open(registry, SimulatedDevices.IC_CARD)) {
      reader.stocker().feedBlankCard();
      assertEquals(CardStocker.Ejection.CAPTURED, reader.stocker().eject(0));
      assertFalse(reader.cardPresent());
      assertEquals(new CardStocker.Status(0, 1, 1), reader.stocker().status());
    }
    assertEquals(1, slot.presentTimeouts());
  }

  @Test
  void cardReaderOfflineAnswersOfflineAndPowerCycleRestoresIt() throws Exception {
    slot.insert(card("c.kic"));
    BlockingQueue<Integer> status = new LinkedBlockingQueue<>();
    try (DeviceSession<jpos.services.SmartCardRWService114> s =
        DeviceSession.open(
            registry,
            SimulatedDevices.IC_CARD,
            jpos.services.SmartCardRWService114.class,
            1000,
            session -> {
              session.events().addStatusUpdateListener(e -> status.add(e.getStatus()));
              session.service().setPowerNotify(JposConst.JPOS_PN_ENABLED);
            })) {
      unit(SimulatedDevices.IC_CARD).powerOff();
      assertEquals(JposConst.JPOS_SUE_POWER_OFF_OFFLINE, status.poll(5, TimeUnit.SECONDS));
      assertEquals(JposConst.JPOS_PS_OFF_OFFLINE, s.service().getPowerState());
      JposException off =
          assertThrows(
              JposException.class,
              () -> s.service().writeData(SmartCardRWConst.SC_STORE_DATA, 0, ""));
      assertEquals(JposConst.JPOS_E_OFFLINE, off.getErrorCode());
      assertTrue(s.service().getDeviceEnabled()); // still enabled: it comes back by itself

      unit(SimulatedDevices.IC_CARD).powerOn();
      assertEquals(JposConst.JPOS_SUE_POWER_ONLINE, status.poll(5, TimeUnit.SECONDS));
      assertEquals(JposConst.JPOS_PS_ONLINE, s.service().getPowerState());
      assertEquals(1, unit(SimulatedDevices.IC_CARD).powerLosses());
    }
  }

  @Test
  void unpoweredPrinterCannotBeEnabledWithoutPowerNotify() throws Exception {
    unit(SimulatedDevices.RECEIPT_PRINTER).powerOff();
    JposException e =
        assertThrows(
            JposException.class,
            () -> ReceiptPrinter.open(registry, SimulatedDevices.RECEIPT_PRINTER));
    assertEquals(JposConst.JPOS_E_NOHARDWARE, e.getErrorCode());
    unit(SimulatedDevices.RECEIPT_PRINTER).powerOn();
    try (ReceiptPrinter p = ReceiptPrinter.open(registry, SimulatedDevices.RECEIPT_PRINTER)) {
      p.printReceipt(List.of("after power on"));
    }
    assertEquals("after power on\n", Files.readString(out.resolve("receipt-0001.txt")));
  }

  @Test
  void powerCycleMidTicketLosesTheTransactionAndPrintsNothing() throws Exception {
    try (DeviceSession<POSPrinterService114> s =
        DeviceSession.open(
            registry, SimulatedDevices.TICKET_PRINTER, POSPrinterService114.class, 1000)) {
      POSPrinterService114 p = s.service();
      p.transactionPrint(POSPrinterConst.PTR_S_RECEIPT, POSPrinterConst.PTR_TP_TRANSACTION);
      p.printNormal(POSPrinterConst.PTR_S_RECEIPT, "half a ticket\n");
      unit(SimulatedDevices.TICKET_PRINTER).powerOff();
      JposException off =
          assertThrows(
              JposException.class,
              () -> p.printNormal(POSPrinterConst.PTR_S_RECEIPT, "rest\n\u001b|fP"));
      assertEquals(JposConst.JPOS_E_OFFLINE, off.getErrorCode());
      unit(SimulatedDevices.TICKET_PRINTER).powerOn();
      JposException lost =
          assertThrows(
              JposException.class,
              () ->
                  p.transactionPrint(POSPrinterConst.PTR_S_RECEIPT, POSPrinterConst.PTR_TP_NORMAL));
      assertEquals(JposConst.JPOS_E_FAILURE, lost.getErrorCode());
      assertEquals(JposConst.JPOS_S_IDLE, p.getState());
    }
    assertFalse(Files.exists(out.resolve("ticket-0001.txt")));
  }

  @Test
  void asyncPaperOutRaisesErrorEventAndRetryAfterNewPaperPrintsTheTicket() throws Exception {
    SimulatedPaper.Roll roll =
        SimulatedPaper.roll(SimulatedDevices.unitName(terminal, SimulatedDevices.TICKET_PRINTER));
    roll.load(2, 1);
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    try (DeviceSession<POSPrinterService114> s =
        DeviceSession.open(
            registry,
            SimulatedDevices.TICKET_PRINTER,
            POSPrinterService114.class,
            1000,
            session -> {
              session
                  .events()
                  .addErrorListener(
                      e -> {
                        events.add("error " + e.getErrorCodeExtended() + " " + e.getErrorLocus());
                        try {
                          events.add("state " + session.service().getState());
                          events.add("level " + session.service().getErrorLevel());
                        } catch (JposException ex) {
                          events.add("state failed " + ex);
                        }
                        roll.replenish(); // the operator loads paper, then answers "retry"
                        e.setErrorResponse(JposConst.JPOS_ER_RETRY);
                      });
              session
                  .events()
                  .addOutputCompleteListener(e -> events.add("complete " + e.getOutputID()));
              session.service().setAsyncMode(true);
            })) {
      POSPrinterService114 p = s.service();
      p.transactionPrint(POSPrinterConst.PTR_S_RECEIPT, POSPrinterConst.PTR_TP_TRANSACTION);
      p.printNormal(POSPrinterConst.PTR_S_RECEIPT, "line 1\nline 2\nline 3\n\u001b|fP");
      p.transactionPrint(POSPrinterConst.PTR_S_RECEIPT, POSPrinterConst.PTR_TP_NORMAL);
      int id = p.getOutputID();
      assertEquals(
          "error " + POSPrinterConst.JPOS_EPTR_REC_EMPTY + " " + JposConst.JPOS_EL_OUTPUT,
          events.poll(5, TimeUnit.SECONDS));
      assertEquals("state " + JposConst.JPOS_S_ERROR, events.poll(5, TimeUnit.SECONDS));
      assertEquals("level " + POSPrinterConst.PTR_EL_RECOVERABLE, events.poll(5, TimeUnit.SECONDS));
      assertEquals("complete " + id, events.poll(5, TimeUnit.SECONDS));
      assertEquals(1, roll.runOuts());
    }
    assertEquals("line 1\nline 2\nline 3\n", Files.readString(out.resolve("ticket-0001.txt")));
  }

  @Test
  void asyncErrorAnsweredClearDropsTheTicketAndLaterOutput() throws Exception {
    SimulatedPaper.Roll roll =
        SimulatedPaper.roll(SimulatedDevices.unitName(terminal, SimulatedDevices.TICKET_PRINTER));
    roll.load(1, 0);
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    try (DeviceSession<POSPrinterService114> s =
        DeviceSession.open(
            registry,
            SimulatedDevices.TICKET_PRINTER,
            POSPrinterService114.class,
            1000,
            session -> {
              session
                  .events()
                  .addErrorListener(
                      e -> {
                        events.add("error");
                        e.setErrorResponse(JposConst.JPOS_ER_CLEAR);
                      });
              session.events().addOutputCompleteListener(e -> events.add("complete"));
              session
                  .events()
                  .addStatusUpdateListener(
                      e -> {
                        if (e.getStatus() == POSPrinterConst.PTR_SUE_IDLE) {
                          events.add("idle");
                        }
                      });
              session.service().setAsyncMode(true);
            })) {
      POSPrinterService114 p = s.service();
      p.setFreezeEvents(true); // the error waits, so both requests are queued when it is answered
      p.printNormal(POSPrinterConst.PTR_S_RECEIPT, "a\nb\n\u001b|fP");
      p.printNormal(POSPrinterConst.PTR_S_RECEIPT, "queued behind\n\u001b|fP");
      p.setFlagWhenIdle(true);
      p.setFreezeEvents(false);
      assertEquals("error", events.poll(5, TimeUnit.SECONDS));
      assertEquals("idle", events.poll(5, TimeUnit.SECONDS)); // nothing completed: all cleared
    }
    assertFalse(Files.exists(out.resolve("ticket-0001.txt")));
  }

  @Test
  void receiptPrinterDocumentWithQrIsWholeOrNothing() throws Exception {
    SimulatedPaper.roll(SimulatedDevices.unitName(terminal, SimulatedDevices.RECEIPT_PRINTER))
        .load(3, 1);
    try (ReceiptPrinter p = ReceiptPrinter.open(registry, SimulatedDevices.RECEIPT_PRINTER)) {
      PrintDocument doc = PrintDocument.builder().text("paid 8,800 yen").qrCode("R-1", 100).build();
      JposException e = assertThrows(JposException.class, () -> p.print(doc));
      assertEquals(POSPrinterConst.JPOS_EPTR_REC_EMPTY, e.getErrorCodeExtended());
    }
    assertFalse(Files.exists(out.resolve("receipt-0001.txt")));
  }

  @Test
  void msrWithoutPowerReadsNoSwipeAndCannotBeEnabledUntilPowerReturns() throws Exception {
    SimulatedMagstripes.Reader stripe =
        SimulatedMagstripes.reader(SimulatedDevices.unitName(terminal, SimulatedDevices.MSR));
    MagstripeCards.Card card =
        MagstripeCards.bankCard("498000123456789", "YAMADA", "", YearMonth.of(2027, 12), "101");
    try (MagneticCardReader reader = MagneticCardReader.open(registry, SimulatedDevices.MSR)) {
      unit(SimulatedDevices.MSR).powerOff();
      JposException e =
          assertThrows(JposException.class, () -> reader.awaitSwipe(Duration.ofSeconds(5)));
      assertEquals(JposConst.JPOS_E_NOHARDWARE, e.getErrorCode());
      assertFalse(stripe.swipe(card));

      unit(SimulatedDevices.MSR).powerOn();
      stripe.whenReading(r -> r.swipe(card));
      assertEquals(card.pan(), reader.awaitSwipe(Duration.ofSeconds(5)).orElseThrow().pan());
    }
    assertEquals(1, stripe.unreadSwipes());
  }

  @Test
  void eMoneyCardPulledMidValueWriteMovesNoValueAndTheSameIdCanBePaidAgain() throws Exception {
    Path card =
        CardImages.create(dir.resolve("e.kic"), new ChipData("KC-e", "Hanako", "0001", 5_000));
    slot.insert(card);
    try (EMoneyPurse purse = EMoneyPurse.open(registry, SimulatedDevices.EMONEY);
        IcCardReaderWriter reader = IcCardReaderWriter.open(registry, SimulatedDevices.IC_CARD)) {
      slot.pullCardDuringNextWrite(10);
      JposException torn =
          assertThrows(JposException.class, () -> purse.subtract(1_000, "TX-1", Duration.ZERO));
      assertEquals(JposConst.JPOS_E_EXTENDED, torn.getErrorCode());
      assertEquals(ElectronicValueRWConst.OPOS_EVRW_RELEASE, torn.getErrorCodeExtended());
      assertTrue(slot.card().isEmpty()); // the card left with the customer's hand

      slot.insert(card);
      assertEquals(Optional.empty(), purse.lastTransaction()); // the payment did not happen
      assertEquals(5_000, purse.balanceYen(Duration.ZERO));
      assertEquals(1, reader.tornAppends());
      assertEquals(
          new EMoneyPurse.Transaction(true, 1_000, 4_000, "TX-1", 1),
          purse.subtract(1_000, "TX-1", Duration.ZERO));
    }
  }

  @Test
  void eMoneyPowerLossAfterTheCardCommittedIsFoundByTheLastTransactionQuery() throws Exception {
    Path card =
        CardImages.create(dir.resolve("p.kic"), new ChipData("KC-p", "Hanako", "0001", 5_000));
    slot.insert(card);
    try (EMoneyPurse purse = EMoneyPurse.open(registry, SimulatedDevices.EMONEY)) {
      SimulatedEMoney.unit(SimulatedDevices.unitName(terminal, SimulatedDevices.EMONEY))
          .powerLossAfterNextWrite();
      JposException off =
          assertThrows(JposException.class, () -> purse.subtract(1_000, "TX-7", Duration.ZERO));
      assertEquals(JposConst.JPOS_E_OFFLINE, off.getErrorCode());
      JposException stillOff = assertThrows(JposException.class, () -> purse.lastTransaction());
      assertEquals(JposConst.JPOS_E_OFFLINE, stillOff.getErrorCode());

      unit(SimulatedDevices.EMONEY).powerOn();
      EMoneyPurse.Transaction last = purse.lastTransaction().orElseThrow();
      assertEquals("TX-7", last.transactionId()); // the payment reached the card
      assertEquals(4_000, last.balanceYen());
      assertEquals(last, purse.subtract(1_000, "TX-7", Duration.ZERO)); // a retry moves nothing
      assertEquals(4_000, purse.balanceYen(Duration.ZERO));
    }
  }

  @Test
  void paperNearEndThenOutMidTicketThenReloadReportsEachChangeAndPrintsNothingHalf()
      throws Exception {
    SimulatedPaper.Roll roll =
        SimulatedPaper.roll(SimulatedDevices.unitName(terminal, SimulatedDevices.TICKET_PRINTER));
    roll.load(12, 6);
    BlockingQueue<Integer> status = new LinkedBlockingQueue<>();
    String ticket = "1\n2\n3\n4\n5\n6\n7\n8\n";
    try (DeviceSession<POSPrinterService114> s =
        DeviceSession.open(
            registry,
            SimulatedDevices.TICKET_PRINTER,
            POSPrinterService114.class,
            1000,
            session -> session.events().addStatusUpdateListener(e -> status.add(e.getStatus())))) {
      POSPrinterService114 p = s.service();
      int rec = POSPrinterConst.PTR_S_RECEIPT;
      assertFalse(p.getRecNearEnd());
      assertFalse(p.getRecEmpty());

      // Near end: the ticket prints, 4 lines are left, the sensor trips.
      p.transactionPrint(rec, POSPrinterConst.PTR_TP_TRANSACTION);
      p.printNormal(rec, ticket + "\u001b|fP");
      p.transactionPrint(rec, POSPrinterConst.PTR_TP_NORMAL);
      assertEquals(POSPrinterConst.PTR_SUE_REC_NEAREMPTY, status.poll(5, TimeUnit.SECONDS));
      assertTrue(p.getRecNearEnd());
      assertFalse(p.getRecEmpty());
      assertEquals(0, roll.runOuts());

      // Out mid-ticket: 8 lines asked, 4 there; the transaction issues nothing.
      p.transactionPrint(rec, POSPrinterConst.PTR_TP_TRANSACTION);
      p.printNormal(rec, ticket.replace("\n", "b\n") + "\u001b|fP");
      JposException out =
          assertThrows(
              JposException.class, () -> p.transactionPrint(rec, POSPrinterConst.PTR_TP_NORMAL));
      assertEquals(JposConst.JPOS_E_EXTENDED, out.getErrorCode());
      assertEquals(POSPrinterConst.JPOS_EPTR_REC_EMPTY, out.getErrorCodeExtended());
      assertEquals(POSPrinterConst.PTR_SUE_REC_EMPTY, status.poll(5, TimeUnit.SECONDS));
      assertTrue(p.getRecEmpty());
      assertTrue(p.getRecNearEnd()); // UnifiedPOS: an empty roll is also near its end
      assertEquals(1, roll.runOuts());
      assertEquals(JposConst.JPOS_S_IDLE, p.getState());
      JposException stillOut =
          assertThrows(JposException.class, () -> p.printNormal(rec, "x\n\u001b|fP"));
      assertEquals(POSPrinterConst.JPOS_EPTR_REC_EMPTY, stillOut.getErrorCodeExtended());
      assertEquals(1, roll.runOuts()); // refused up front: no second run-out

      // Reload: paper OK again, and the ticket prints whole.
      roll.load(100, 10);
      assertEquals(POSPrinterConst.PTR_SUE_REC_PAPEROK, status.poll(5, TimeUnit.SECONDS));
      assertFalse(p.getRecEmpty());
      assertFalse(p.getRecNearEnd());
      p.transactionPrint(rec, POSPrinterConst.PTR_TP_TRANSACTION);
      p.printNormal(rec, ticket.replace("\n", "b\n") + "\u001b|fP");
      p.transactionPrint(rec, POSPrinterConst.PTR_TP_NORMAL);
      p.setFlagWhenIdle(true); // a barrier: nothing else was reported before it
      assertEquals(POSPrinterConst.PTR_SUE_IDLE, status.poll(5, TimeUnit.SECONDS));
      assertEquals(1, roll.runOuts());
      assertEquals(100 - 8, roll.remaining());
    }
    assertEquals(ticket, Files.readString(out.resolve("ticket-0001.txt")));
    assertEquals(ticket.replace("\n", "b\n"), Files.readString(out.resolve("ticket-0002.txt")));
    assertFalse(Files.exists(out.resolve("ticket-0003.txt")));
  }
}
