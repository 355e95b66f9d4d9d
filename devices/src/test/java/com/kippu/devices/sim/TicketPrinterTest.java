package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.kippu.devices.PrintDocument;
import com.kippu.devices.TicketPrinter;
import com.kippu.devices.jpos.JposRegistry;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import jpos.JposConst;
import jpos.JposException;
import jpos.POSPrinterConst;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Tickets on the ticket printer: text, a real QR code, a bitmap, printed whole or not at all. */
class TicketPrinterTest {

  @TempDir Path dir;
  private Path out;
  private String terminal;
  private JposRegistry registry;
  private SimulatedPaper.Roll roll;

  @BeforeEach
  void setUp() throws Exception {
    terminal = "t-" + UUID.randomUUID();
    out = dir.resolve("out");
    registry = SimulatedDevices.registry(out, terminal);
    roll =
        SimulatedPaper.roll(SimulatedDevices.unitName(terminal, SimulatedDevices.TICKET_PRINTER));
  }

  private PrintDocument ticket(String number) throws Exception {
    Path logo = dir.resolve("logo.bmp");
    if (!Files.exists(logo)) {
      ImageIO.write(new BufferedImage(96, 48, BufferedImage.TYPE_INT_RGB), "bmp", logo.toFile());
    }
    return PrintDocument.builder()
        .bitmap(logo)
        .bold("KIPPU E-TICKET")
        .text("夏のコンサート 2025-08-01")
        .centred("Seat A-12")
        .qrCode("KIPPU:" + number, 200)
        .text("No. " + number)
        .build();
  }

  private List<Path> files() throws Exception {
    if (!Files.exists(out)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(out)) {
      return s.sorted().toList();
    }
  }

  static String decodeQr(Path png) throws Exception {
    BufferedImage img = ImageIO.read(png.toFile());
    int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    BinaryBitmap bitmap =
        new BinaryBitmap(
            new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), px)));
    return new QRCodeReader().decode(bitmap).getText();
  }

  @Test
  void ticketIsOneTextFileAndOnePngWhoseQrCodeScans() throws Exception {
    try (TicketPrinter printer = TicketPrinter.open(registry, SimulatedDevices.TICKET_PRINTER)) {
      printer.print(ticket("T-0001"));
    }
    String text = Files.readString(out.resolve("ticket-0001.txt"));
    assertTrue(text.contains("KIPPU E-TICKET"), text);
    assertTrue(text.contains("[QR KIPPU:T-0001]"), text);
    assertTrue(text.contains("[BITMAP logo.bmp]"), text);
    assertEquals("KIPPU:T-0001", decodeQr(out.resolve("ticket-0001.png")));
  }

  @Test
  void paperOutMidTicketIssuesNothingAndReplacedPaperPrintsItWhole() throws Exception {
    roll.load(8, 4); // the bitmap and the text fit; the QR code (9 lines) does not
    try (TicketPrinter printer = TicketPrinter.open(registry, SimulatedDevices.TICKET_PRINTER)) {
      JposException e = assertThrows(JposException.class, () -> printer.print(ticket("T-2")));
      assertEquals(POSPrinterConst.JPOS_EPTR_REC_EMPTY, e.getErrorCodeExtended());
      assertEquals(List.of(), files());
      assertEquals(SimulatedPaper.Level.EMPTY, roll.level());
      assertEquals(1, roll.runOuts());

      roll.replenish();
      printer.print(ticket("T-2"));
    }
    assertEquals(List.of(out.resolve("ticket-0001.png"), out.resolve("ticket-0001.txt")), files());
    assertEquals("KIPPU:T-2", decodeQr(out.resolve("ticket-0001.png")));
  }

  @Test
  void nearEndIsReportedButStillPrints() throws Exception {
    roll.load(50, 40);
    try (TicketPrinter printer = TicketPrinter.open(registry, SimulatedDevices.TICKET_PRINTER)) {
      assertFalse(printer.paperLow());
      printer.print(ticket("T-3"));
      assertTrue(printer.paperLow());
    }
    assertTrue(Files.exists(out.resolve("ticket-0001.txt")));
  }

  /** The ticket printer as a vendor's receipt-and-slip printer: one device, two stations. */
  private JposRegistry withSlip() throws Exception {
    return registry.withProperties(SimulatedDevices.TICKET_PRINTER, Map.of("slipStation", true));
  }

  @Test
  void ticketOnTheSlipStationIsOneFormAndUsesNoRollPaper() throws Exception {
    roll.load(3, 1); // far too little roll paper for a ticket: the slip must not touch it
    try (TicketPrinter printer =
        TicketPrinter.open(
            withSlip(), SimulatedDevices.TICKET_PRINTER, TicketPrinter.Station.SLIP)) {
      assertEquals(TicketPrinter.Station.SLIP, printer.station());
      assertFalse(printer.paperLow());
      printer.print(ticket("S-1"));
      printer.print(ticket("S-2"));
    }
    assertEquals(3, roll.remaining());
    String first = Files.readString(out.resolve("ticket-0001.txt"));
    assertTrue(first.contains("[QR KIPPU:S-1]"), first);
    assertFalse(first.contains("S-2"), first);
    assertEquals("KIPPU:S-1", decodeQr(out.resolve("ticket-0001.png")));
    assertEquals("KIPPU:S-2", decodeQr(out.resolve("ticket-0002.png")));
  }

  @Test
  void failedSlipTicketEjectsABlankFormAndIssuesNothing() throws Exception {
    PrintDocument broken =
        PrintDocument.builder().text("KIPPU E-TICKET").bitmap(dir.resolve("missing.bmp")).build();
    try (TicketPrinter printer =
        TicketPrinter.open(
            withSlip(), SimulatedDevices.TICKET_PRINTER, TicketPrinter.Station.SLIP)) {
      JposException e = assertThrows(JposException.class, () -> printer.print(broken));
      assertEquals(JposConst.JPOS_E_NOEXIST, e.getErrorCode());
      assertEquals(List.of(), files());
      printer.print(ticket("S-3")); // the blank form left the slip: a new one goes in
    }
    assertEquals(List.of(out.resolve("ticket-0001.png"), out.resolve("ticket-0001.txt")), files());
  }

  @Test
  void receiptStationStaysTheDefaultAndASlipTicketNeedsASlipStation() throws Exception {
    try (TicketPrinter printer = TicketPrinter.open(withSlip(), SimulatedDevices.TICKET_PRINTER)) {
      assertEquals(TicketPrinter.Station.RECEIPT, printer.station());
      printer.print(ticket("R-1"));
    }
    assertTrue(roll.remaining() < SimulatedPaper.ENDLESS);
    JposException e =
        assertThrows(
            JposException.class,
            () ->
                TicketPrinter.open(
                    registry, SimulatedDevices.TICKET_PRINTER, TicketPrinter.Station.SLIP));
    assertEquals(JposConst.JPOS_E_ILLEGAL, e.getErrorCode());
    assertTrue(e.getMessage().contains("no slip station"), e.getMessage());
  }

  @Test
  void stationIsParsedFromConfigurationOrRefusedByName() {
    assertEquals(TicketPrinter.Station.SLIP, TicketPrinter.Station.parse(" Slip "));
    assertEquals(TicketPrinter.Station.RECEIPT, TicketPrinter.Station.parse("receipt"));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TicketPrinter.Station.parse("journal"));
    assertTrue(e.getMessage().contains("'journal'"), e.getMessage());
  }
}
