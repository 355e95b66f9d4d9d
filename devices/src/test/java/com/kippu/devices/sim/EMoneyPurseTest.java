package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.CardApdu;
import com.kippu.devices.ChipData;
import com.kippu.devices.DeviceCommits;
import com.kippu.devices.EMoneyPurse;
import com.kippu.devices.IcCardReaderWriter;
import com.kippu.devices.PurseApdu;
import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.EventDispatcher;
import com.kippu.devices.jpos.JposRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;
import jpos.ElectronicValueRWConst;
import jpos.JposConst;
import jpos.JposException;
import jpos.services.ElectronicValueRWService114;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The e-money purse on the IC card: balance, subtract, add and the value log behind them. */
class EMoneyPurseTest {

  private static final Duration NOW = Duration.ZERO;
  private static final ChipData HANAKO =
      new ChipData("KC-0001", "Hanako", "0001-001-1234567", 10_000);

  @TempDir Path dir;
  private JposRegistry registry;
  private SimulatedCardSlots.Slot slot;
  private Path card;

  @BeforeEach
  void setUp() throws Exception {
    String terminal = "t-" + UUID.randomUUID();
    registry = SimulatedDevices.registry(dir, terminal);
    slot = SimulatedCardSlots.slot(SimulatedDevices.unitName(terminal, SimulatedDevices.IC_CARD));
    card = CardImages.create(dir.resolve("card.kic"), HANAKO);
  }

  @AfterEach
  void tearDown() {
    slot.remove();
  }

  @Test
  void theCrashHookHearsOfEachValueRecordOnceItIsOnTheCard() throws Exception {
    slot.insert(card);
    List<String> heard = new ArrayList<>();
    DeviceCommits.listen(
        point -> {
          try {
            heard.add(point + " " + CardImage.read(card).values().size());
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
    try (EMoneyPurse purse = EMoneyPurse.open(registry, SimulatedDevices.EMONEY)) {
      purse.subtract(3_000, "TX-1", NOW);
      purse.add(500, "TX-2", NOW);
      purse.balanceYen(NOW);
    } finally {
      DeviceCommits.listen(null);
    }
    assertEquals(List.of("purse 1", "purse 2"), heard, "each record on the card when told");
  }

  @Test
  void subtractAndAddMoveTheBalanceAndTheChipAreaShowsIt() throws Exception {
    slot.insert(card);
    try (EMoneyPurse purse = EMoneyPurse.open(registry, SimulatedDevices.EMONEY);
        IcCardReaderWriter chip = IcCardReaderWriter.open(registry, SimulatedDevices.IC_CARD)) {
      assertEquals(Optional.empty(), purse.lastTransaction());
      assertEquals(10_000, purse.balanceYen(NOW));

      EMoneyPurse.Transaction paid = purse.subtract(3_000, "TX-1", NOW);
      assertEquals(new EMoneyPurse.Transaction(true, 3_000, 7_000, "TX-1", 1), paid);
      EMoneyPurse.Transaction refund = purse.add(500, "TX-2", NOW);
      assertEquals(new EMoneyPurse.Transaction(false, 500, 7_500, "TX-2", 2), refund);

      assertEquals(7_500, purse.balanceYen(NOW));
      assertEquals(7_500, chip.readChip().emoneyBalanceYen()); // existing callers see the log
      assertEquals(Optional.of(refund), purse.lastTransaction());
      assertEquals(0, chip.readWriteOnceArea().size()); // the ticket area is untouched
    }
    String dump = CardImages.dump(card);
    assertTrue(dump.contains("7500 yen (opening 10000 yen, 2 value record(s))"), dump);
    assertTrue(dump.contains("-3000 yen ->      7000 yen  TX-1"), dump);
  }

  @Test
  void tooLowABalanceOrTooHighAChargeMovesNothing() throws Exception {
    slot.insert(card);
    try (EMoneyPurse purse = EMoneyPurse.open(registry, SimulatedDevices.EMONEY)) {
      assertThrows(
          EMoneyPurse.InsufficientBalanceException.class,
          () -> purse.subtract(10_001, "TX-1", NOW));
      JposException over = assertThrows(JposException.class, () -> purse.add(40_001, "TX-2", NOW));
      assertEquals(ElectronicValueRWConst.OPOS_EVRW_OVERDEPOSIT, over.getErrorCodeExtended());
      assertEquals(10_000, purse.balanceYen(NOW));
      assertEquals(Optional.empty(), purse.lastTransaction());
    }
  }

  @Test
  void repeatingTheLastTransactionIdMovesNoValueTwice() throws Exception {
    slot.insert(card);
    try (EMoneyPurse purse = EMoneyPurse.open(registry, SimulatedDevices.EMONEY)) {
      EMoneyPurse.Transaction first = purse.subtract(1_000, "TX-9", NOW);
      assertEquals(first, purse.subtract(1_000, "TX-9", NOW));
      assertEquals(9_000, purse.balanceYen(NOW));
      JposException clash = assertThrows(JposException.class, () -> purse.subtract(5, "TX-9", NOW));
      assertEquals(ElectronicValueRWConst.OPOS_EVRW_COMMANDERROR, clash.getErrorCodeExtended());
      assertEquals(9_000, purse.balanceYen(NOW));
    }
  }

  /**
   * A load whose answer (or journal entry) was lost, repeated after the card paid elsewhere: the
   * card finds the id further back in its log and loads nothing twice.
   */
  @Test
  void repeatingAnEarlierTransactionIdAfterOtherMovementsMovesNoValueTwice() throws Exception {
    slot.insert(card);
    try (EMoneyPurse purse = EMoneyPurse.open(registry, SimulatedDevices.EMONEY)) {
      EMoneyPurse.Transaction load = purse.add(5_000, "LOAD-1", NOW);
      purse.subtract(2_000, "PAID-ELSEWHERE", NOW);
      assertEquals(load, purse.add(5_000, "LOAD-1", NOW), "the card answers the first load");
      assertEquals(13_000, purse.balanceYen(NOW));
      JposException clash = assertThrows(JposException.class, () -> purse.add(7, "LOAD-1", NOW));
      assertEquals(ElectronicValueRWConst.OPOS_EVRW_COMMANDERROR, clash.getErrorCodeExtended());
      assertEquals(13_000, purse.balanceYen(NOW));
    }
  }

  @Test
  void noCardWithinTheWaitIsATimeoutAndNoCardNowIsNoCard() throws Exception {
    try (EMoneyPurse purse = EMoneyPurse.open(registry, SimulatedDevices.EMONEY)) {
      JposException none = assertThrows(JposException.class, () -> purse.balanceYen(NOW));
      assertEquals(ElectronicValueRWConst.OPOS_EVRW_NOCARD, none.getErrorCodeExtended());
      JposException late =
          assertThrows(JposException.class, () -> purse.balanceYen(Duration.ofMillis(1)));
      assertEquals(JposConst.JPOS_E_TIMEOUT, late.getErrorCode());
    }
  }

  @Test
  void valueLogIsAppendOnlyAndWrittenOnlyByTheCardsOwnCommands() throws Exception {
    slot.insert(card);
    try (EMoneyPurse purse = EMoneyPurse.open(registry, SimulatedDevices.EMONEY);
        IcCardReaderWriter chip = IcCardReaderWriter.open(registry, SimulatedDevices.IC_CARD)) {
      purse.subtract(100, "TX-1", NOW);
      byte[] before = Files.readAllBytes(card);
      CardApdu.Response forged =
          chip.transmit(
              CardApdu.appendRecord(
                  PurseApdu.SFI_VALUE_LOG,
                  new PurseApdu.ValueRecord(2, 50_000, 59_900, "FORGED").encode()));
      assertEquals(CardApdu.SW_SECURITY_NOT_SATISFIED, forged.sw());
      assertEquals(
          CardApdu.SW_NOT_ALLOWED,
          chip.transmit(CardApdu.updateRecord(PurseApdu.SFI_VALUE_LOG, 1, new byte[30])).sw());
      assertEquals(ByteBuffer.wrap(before), ByteBuffer.wrap(Files.readAllBytes(card)));

      // The purse is also reachable through any SmartCardRW: the same APDUs.
      CardApdu.Response debit = chip.transmit(PurseApdu.debit(400, "TX-2"));
      assertEquals(CardApdu.SW_OK, debit.sw());
      assertEquals(
          new PurseApdu.ValueRecord(2, -400, 9_500, "TX-2"),
          PurseApdu.ValueRecord.decode(debit.data()));
      assertEquals(9_500, purse.balanceYen(NOW));
    }
  }

  @Test
  void aValueLogWhoseBalancesDoNotAddUpIsACorruptCard() throws Exception {
    CardImage.appendValue(card, new PurseApdu.ValueRecord(1, -100, 1_000_000, "EVIL").encode());
    slot.insert(card);
    try (EMoneyPurse purse = EMoneyPurse.open(registry, SimulatedDevices.EMONEY)) {
      JposException e = assertThrows(JposException.class, () -> purse.balanceYen(NOW));
      assertEquals(JposConst.JPOS_E_FAILURE, e.getErrorCode());
      assertTrue(e.getMessage().contains("value log broken at record 1"), e.getMessage());
    }
  }

  @Test
  void cardImagesFromBeforeTheValueLogStillReadAndTheirPurseIsReadOnly() throws Exception {
    Path legacy = formatOneCard(dir.resolve("old.kic"), HANAKO);
    slot.insert(legacy);
    try (EMoneyPurse purse = EMoneyPurse.open(registry, SimulatedDevices.EMONEY);
        IcCardReaderWriter chip = IcCardReaderWriter.open(registry, SimulatedDevices.IC_CARD)) {
      assertEquals(HANAKO, chip.readChip());
      chip.append("ticket-1".getBytes(StandardCharsets.UTF_8));
      assertEquals(1, chip.readWriteOnceArea().size());
      assertEquals(10_000, purse.balanceYen(NOW));
      assertEquals(Optional.empty(), purse.lastTransaction());
      JposException ro = assertThrows(JposException.class, () -> purse.subtract(1, "TX-1", NOW));
      assertEquals(ElectronicValueRWConst.OPOS_EVRW_COMMANDERROR, ro.getErrorCodeExtended());
      assertTrue(ro.getMessage().contains("format 1"), ro.getMessage());
    }
    assertTrue(CardImages.dump(legacy).contains("format         1"), CardImages.dump(legacy));
  }

  /** A card image as written before the value log: format 1, the balance in the chip area. */
  private static Path formatOneCard(Path file, ChipData chip) throws Exception {
    byte[] area = CardApdu.encodeChipArea(chip, CardImages.DEFAULT_KEY_REFERENCE);
    ByteBuffer b = ByteBuffer.allocate(8 + 2 + 2 + 4 + area.length + 4);
    b.put("KIPPUCRD".getBytes(StandardCharsets.US_ASCII)).putShort((short) 1).putShort((short) 0);
    b.putInt(area.length).put(area);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 0, b.position());
    b.putInt((int) crc.getValue());
    return Files.write(file, b.array());
  }

  @Test
  void asyncSubtractCompletesWithAnEventAndAsyncFailureIsAnOutputError() throws Exception {
    slot.insert(card);
    BlockingQueue<String> events = new LinkedBlockingQueue<>();
    try (DeviceSession<ElectronicValueRWService114> s =
        DeviceSession.open(
            registry,
            SimulatedDevices.EMONEY,
            ElectronicValueRWService114.class,
            1000,
            session -> {
              session
                  .events()
                  .addOutputCompleteListener(e -> events.add("complete " + e.getOutputID()));
              session
                  .events()
                  .addErrorListener(
                      e -> {
                        events.add("error " + e.getErrorCodeExtended() + " " + e.getErrorLocus());
                        e.setErrorResponse(JposConst.JPOS_ER_CLEAR);
                      });
              session.service().setAsyncMode(true);
            })) {
      ElectronicValueRWService114 rw = s.service();
      rw.setAmount(2_500);
      rw.setParameterInformation("TransactionID", "TX-A");
      rw.subtractValue(7, 0);
      int id = rw.getOutputID();
      assertEquals("complete " + id, events.poll(5, TimeUnit.SECONDS));
      assertEquals(7_500, rw.getBalance());
      assertEquals(7, rw.getSequenceNumber());
      assertEquals("000001", rw.getApprovalCode());

      rw.setAmount(99_999);
      rw.subtractValue(8, 0);
      assertEquals(
          "error " + ElectronicValueRWConst.OPOS_EVRW_DEFICIENT + " " + JposConst.JPOS_EL_OUTPUT,
          events.poll(5, TimeUnit.SECONDS));
    }
  }

  @Test
  void lastUsedDateComesFromTheInjectedClockAndCardMovesAreStatusEvents() throws Exception {
    Clock clock = Clock.fixed(Instant.parse("2025-04-01T01:02:03Z"), ZoneId.of("Asia/Tokyo"));
    SimulatedElectronicValueRW rw = new SimulatedElectronicValueRW(clock, new Random(1));
    rw.configure(Map.of("slotName", slot.name(), "deviceName", "evrw-" + UUID.randomUUID()));
    BlockingQueue<Integer> status = new LinkedBlockingQueue<>();
    EventDispatcher callbacks = new EventDispatcher("test", null);
    callbacks.addStatusUpdateListener(e -> status.add(e.getStatus()));
    rw.open("EMoneyRW", callbacks);
    rw.claim(0);
    rw.setDeviceEnabled(true);
    slot.insert(card);
    assertEquals(ElectronicValueRWConst.EVRW_SUE_DS_DETECTED, status.poll(5, TimeUnit.SECONDS));
    assertEquals(ElectronicValueRWConst.EVRW_DS_DETECTED, rw.getDetectionStatus());
    rw.setAmount(1);
    rw.subtractValue(1, 0); // no TransactionID: the service makes one up from its random source
    assertEquals("20250401100203", rw.getLastUsedDate());
    String[] id = new String[1];
    rw.retrieveResultInformation("TransactionID", id);
    assertTrue(id[0].matches("R[0-9a-f]{16}"), id[0]);
    assertEquals("KC-0001", rw.getMediumID());
    slot.remove();
    assertEquals(ElectronicValueRWConst.EVRW_SUE_DS_NOCARD, status.poll(5, TimeUnit.SECONDS));
    rw.close();
    callbacks.close();
  }
}
