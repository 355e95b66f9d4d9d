package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.devices.CardStocker;
import com.kippu.devices.ChipData;
import com.kippu.devices.IcCardReaderWriter;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.imageio.ImageIO;
import jpos.JposConst;
import jpos.JposException;
import jpos.SmartCardRWConst;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Kiosk issuing (S2 ¶24): blank card from the stocker, face printed, written, ejected. */
class CardStockerTest {

  @TempDir Path dir;
  private SimulatedCardSlots.Slot slot;
  private IcCardReaderWriter reader;
  private CardStocker stocker;

  @BeforeEach
  void setUp() throws Exception {
    String terminal = "t-" + UUID.randomUUID();
    slot = SimulatedCardSlots.slot(terminal);
    reader =
        IcCardReaderWriter.open(
            SimulatedDevices.registry(dir.resolve("out"), terminal), SimulatedDevices.IC_CARD);
    stocker = reader.stocker();
    slot.loadStocker(
        List.of(
            CardImages.create(dir.resolve("blank-1.kic"), new ChipData("PV-1", "", "", 0)),
            CardImages.create(dir.resolve("blank-2.kic"), new ChipData("PV-2", "", "", 0))));
  }

  @AfterEach
  void tearDown() throws Exception {
    slot.remove();
    reader.close();
  }

  @Test
  void blankCardIsFedPrintedWrittenAndTakenByTheCustomer() throws Exception {
    stocker.feedBlankCard();
    assertEquals("PV-1", reader.readChip().cardId()); // pre-valued card id read at issue (F10)
    reader.append("ticket".getBytes(StandardCharsets.UTF_8));
    Path logo = dir.resolve("logo.png");
    ImageIO.write(new BufferedImage(40, 40, BufferedImage.TYPE_INT_RGB), "png", logo.toFile());
    reader.facePrinter().print(List.of("夏のコンサート", "2025-08-01 18:00", "A-12"), logo);

    BufferedImage face = ImageIO.read(dir.resolve("blank-1.kic.face.png").toFile());
    assertEquals(1011, face.getWidth());
    assertEquals(638, face.getHeight());

    slot.whenPresented(SimulatedCardSlots.Slot::remove);
    assertEquals(CardStocker.Ejection.TAKEN, stocker.eject(0));
    assertFalse(reader.cardPresent());
    assertEquals(new CardStocker.Status(1, 0, 0), stocker.status());
  }

  @Test
  void cardNotTakenIsCapturedAndCounted() throws Exception {
    stocker.feedBlankCard();
    assertEquals(CardStocker.Ejection.CAPTURED, stocker.eject(0));
    assertFalse(reader.cardPresent());
    assertEquals(List.of(dir.resolve("blank-1.kic").toAbsolutePath()), slot.capturedCards());
    assertEquals(new CardStocker.Status(1, 1, 1), stocker.status());

    stocker.feedBlankCard();
    stocker.capture(); // e.g. a card reported lost: retracted, not a present timeout
    assertEquals(new CardStocker.Status(0, 2, 1), stocker.status());
  }

  @Test
  void emptyStockerAndOccupiedTransportAreExtendedErrors() throws Exception {
    stocker.feedBlankCard();
    JposException busy = assertThrows(JposException.class, stocker::feedBlankCard);
    assertEquals(JposConst.JPOS_E_EXTENDED, busy.getErrorCode());
    assertEquals(CardStocker.ESC_CARD_IN_TRANSPORT, busy.getErrorCodeExtended());
    stocker.capture();
    stocker.feedBlankCard();
    stocker.capture();
    JposException empty = assertThrows(JposException.class, stocker::feedBlankCard);
    assertEquals(CardStocker.ESC_STOCKER_EMPTY, empty.getErrorCodeExtended());
    assertTrue(empty.getMessage().contains(SimulatedDevices.IC_CARD), empty.getMessage());
    JposException noCard = assertThrows(JposException.class, () -> stocker.eject(0));
    assertEquals(SmartCardRWConst.JPOS_ESC_NO_CARD, noCard.getErrorCodeExtended());
  }

  @Test
  void facePrintNeedsACardAndARealImage() throws Exception {
    JposException noCard =
        assertThrows(JposException.class, () -> reader.facePrinter().print(List.of("x"), null));
    assertEquals(SmartCardRWConst.JPOS_ESC_NO_CARD, noCard.getErrorCodeExtended());
    stocker.feedBlankCard();
    Path notImage = java.nio.file.Files.writeString(dir.resolve("x.png"), "not an image");
    JposException bad =
        assertThrows(JposException.class, () -> reader.facePrinter().print(List.of("x"), notImage));
    assertEquals(JposConst.JPOS_E_ILLEGAL, bad.getErrorCode());
    assertFalse(java.nio.file.Files.exists(dir.resolve("blank-1.kic.face.png")));
    reader.facePrinter().print(List.of("text only"), null);
    assertTrue(java.nio.file.Files.exists(dir.resolve("blank-1.kic.face.png")));
  }

  @Test
  void hoppersFeedTheirOwnCardsAndAreCountedApart() throws Exception {
    slot.loadHopper(
        1, List.of(CardImages.create(dir.resolve("pv-1.kic"), new ChipData("PV-9", "", "", 3000))));
    assertEquals(1, stocker.cardsIn(1));
    assertEquals(2, stocker.cardsIn(CardStocker.BLANK_HOPPER));
    assertEquals(0, stocker.feed(1));
    assertEquals("PV-9", reader.readChip().cardId());
    assertEquals(3000, reader.readChip().emoneyBalanceYen());
    assertEquals(2, stocker.status().blanks(), "the blank hopper is untouched");
    stocker.capture();
    JposException empty = assertThrows(JposException.class, () -> stocker.feed(1));
    assertEquals(CardStocker.ESC_STOCKER_EMPTY, empty.getErrorCodeExtended());
    assertEquals(
        JposConst.JPOS_E_ILLEGAL,
        assertThrows(JposException.class, () -> stocker.feed(9)).getErrorCode());
  }

  @Test
  void aJammedFeedCapturesTheCardAndLeavesTheTransportFree() throws Exception {
    slot.jamNextFeed();
    JposException jam = assertThrows(JposException.class, stocker::feedBlankCard);
    assertEquals(CardStocker.ESC_FEED_JAMMED, jam.getErrorCodeExtended());
    assertFalse(reader.cardPresent());
    assertEquals(new CardStocker.Status(1, 1, 0), stocker.status());
    stocker.feedBlankCard();
    assertEquals("PV-2", reader.readChip().cardId());
  }

  @Test
  void aFacePrintFaultPrintsNothing() throws Exception {
    stocker.feedBlankCard();
    slot.failNextFacePrint("ribbon out");
    JposException failed =
        assertThrows(JposException.class, () -> reader.facePrinter().print(List.of("x"), null));
    assertEquals(JposConst.JPOS_E_FAILURE, failed.getErrorCode());
    assertTrue(failed.getMessage().contains("ribbon out"), failed.getMessage());
    assertFalse(java.nio.file.Files.exists(dir.resolve("blank-1.kic.face.png")));
    reader.facePrinter().print(List.of("x"), null);
    assertTrue(java.nio.file.Files.exists(dir.resolve("blank-1.kic.face.png")));
  }

  @Test
  void textNoFontCanDrawIsRefusedRatherThanPrintedAsBoxes() throws Exception {
    stocker.feedBlankCard();
    JposException refused =
        assertThrows(
            JposException.class,
            () -> reader.facePrinter().print(List.of("佐藤 花子", "bad \u0378 glyph"), null));
    assertEquals(JposConst.JPOS_E_FAILURE, refused.getErrorCode());
    assertTrue(refused.getMessage().contains("U+0378"), refused.getMessage());
    assertFalse(java.nio.file.Files.exists(dir.resolve("blank-1.kic.face.png")));
  }
}
