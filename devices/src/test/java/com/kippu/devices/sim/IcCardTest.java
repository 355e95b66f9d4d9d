package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.CardApdu;
import com.kippu.devices.ChipData;
import com.kippu.devices.IcCardReaderWriter;
import com.kippu.devices.jpos.JposRegistry;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import jpos.JposConst;
import jpos.JposException;
import jpos.SmartCardRWConst;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IC card flow of F5 through the control layer, the simulated reader and a card file. */
class IcCardTest {

  private static final ChipData HANAKO =
      new ChipData("KC-0001", "山田 花子", "0001-001-1234567", 12_345);

  @TempDir Path dir;
  private String slotName;
  private SimulatedCardSlots.Slot slot;
  private IcCardReaderWriter reader;
  private Path card;

  @BeforeEach
  void setUp() throws Exception {
    slotName = "slot-" + UUID.randomUUID();
    slot = SimulatedCardSlots.slot(slotName);
    JposRegistry registry = SimulatedDevices.registry(dir.resolve("receipts"), slotName);
    reader = IcCardReaderWriter.open(registry, SimulatedDevices.IC_CARD);
    card = CardImages.create(dir.resolve("card.kic"), HANAKO);
  }

  @AfterEach
  void tearDown() throws Exception {
    slot.remove();
    reader.close();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void insertReadAppendReadBackRemove() throws Exception {
    BlockingQueue<Boolean> moves = new LinkedBlockingQueue<>();
    reader.onCardMoved(moves::add);
    assertFalse(reader.cardPresent());
    assertFalse(reader.awaitCard(0));

    slot.insert(card);
    assertEquals(Boolean.TRUE, moves.poll(5, TimeUnit.SECONDS));
    assertTrue(reader.cardPresent());
    assertTrue(reader.awaitCard(0));
    assertEquals(HANAKO, reader.readChip());
    assertEquals(List.of(), reader.readWriteOnceArea());

    byte[] big = new byte[1000]; // needs an extended-length APDU
    Arrays.fill(big, (byte) 0x5A);
    reader.append(bytes("ticket-1"));
    reader.append(big);
    List<byte[]> records = reader.readWriteOnceArea();
    assertEquals(2, records.size());
    assertArrayEquals(bytes("ticket-1"), records.get(0));
    assertArrayEquals(big, records.get(1));
    assertEquals(0, reader.tornAppends());

    assertEquals(card, slot.remove().orElseThrow());
    assertEquals(Boolean.FALSE, moves.poll(5, TimeUnit.SECONDS));
    assertTrue(reader.awaitRemoval(0));
    JposException gone = assertThrows(JposException.class, reader::readChip);
    assertEquals(SmartCardRWConst.JPOS_ESC_NO_CARD, gone.getErrorCodeExtended());
    assertTrue(gone.getMessage().contains(SimulatedDevices.IC_CARD), gone.getMessage());
  }

  @Test
  void updateOnWriteOnceAreaIsRefusedWith6986AndChangesNothing() throws Exception {
    slot.insert(card);
    reader.append(bytes("ticket-1"));
    byte[] before = Files.readAllBytes(card);

    CardApdu.Response r =
        reader.transmit(CardApdu.updateRecord(CardApdu.SFI_WRITE_ONCE_AREA, 1, bytes("forged")));
    assertEquals(0x6986, r.sw());
    CardApdu.Response chip =
        reader.transmit(
            new CardApdu.Command(CardApdu.CLA, CardApdu.INS_UPDATE_BINARY, 0x81, 0, bytes("x"), 0));
    assertEquals(CardApdu.SW_SECURITY_NOT_SATISFIED, chip.sw());
    assertArrayEquals(before, Files.readAllBytes(card));
  }

  @Test
  void tornAppendIsDetectedNeverReturnedAndLaterAppendsStillWork() throws Exception {
    slot.insert(card);
    reader.append(bytes("ticket-1"));
    long intact = Files.size(card);
    reader.append(bytes("ticket-2 that was being written when the power failed"));
    try (FileChannel ch = FileChannel.open(card, StandardOpenOption.WRITE)) {
      ch.truncate(intact + 15); // mid-record: marker and length survived, payload and CRC did not
    }
    byte[] tornImage = Files.readAllBytes(card);

    List<byte[]> records = reader.readWriteOnceArea();
    assertEquals(1, records.size());
    assertArrayEquals(bytes("ticket-1"), records.get(0));
    assertEquals(1, reader.tornAppends());
    assertTrue(CardImages.dump(card).contains("1 torn append(s) skipped"));

    reader.append(bytes("ticket-2"));
    byte[] after = Files.readAllBytes(card);
    assertArrayEquals(tornImage, Arrays.copyOf(after, tornImage.length)); // only appended to
    records = reader.readWriteOnceArea();
    assertEquals(
        List.of("ticket-1", "ticket-2"),
        records.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
    assertEquals(1, reader.tornAppends());
  }

  @Test
  void corruptHeaderGivesClearErrorAndLosesNothing() throws Exception {
    byte[] image = Files.readAllBytes(card);
    image[20] ^= 0x01; // inside the chip area: the header checksum no longer matches
    Files.write(card, image);
    slot.insert(card);

    JposException read = assertThrows(JposException.class, reader::readChip);
    assertEquals(JposConst.JPOS_E_FAILURE, read.getErrorCode());
    assertTrue(
        read.getMessage().contains("corrupt") && read.getMessage().contains("checksum"),
        read.getMessage());
    JposException write = assertThrows(JposException.class, () -> reader.append(bytes("t")));
    assertEquals(JposConst.JPOS_E_FAILURE, write.getErrorCode());
    assertArrayEquals(image, Files.readAllBytes(card));
  }

  @Test
  void notACardImageSaysSo() throws Exception {
    Path junk = Files.writeString(dir.resolve("junk.kic"), "hello, this is not a card at all");
    slot.insert(junk);
    JposException e = assertThrows(JposException.class, reader::readChip);
    assertTrue(e.getMessage().contains("bad magic"), e.getMessage());
  }

  @Test
  void dumpShowsChipAreaAndRecords() throws Exception {
    slot.insert(card);
    reader.append(bytes("ticket-1"));
    String dump = CardImages.dump(card);
    assertTrue(dump.contains("KC-0001"), dump);
    assertTrue(dump.contains("0001-001-1234567"), dump);
    assertTrue(dump.contains("12345 yen"), dump);
    assertTrue(dump.contains("1 record(s)"), dump);
  }

  @Test
  void createNeverOverwritesACard() {
    assertThrows(
        java.nio.file.FileAlreadyExistsException.class, () -> CardImages.create(card, HANAKO));
  }
}
