package com.kippu.atm.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.Signatures;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.center.TicketCode;
import com.kippu.atm.center.internal.DocumentParser;
import com.kippu.atm.flow.print.TicketFaces;
import com.kippu.atm.ticket.TicketPrintException;
import com.kippu.devices.TicketPrinter;
import com.kippu.devices.jpos.JposRegistry;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.devices.sim.SimulatedPaper;
import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A printed ticket (F2) on the simulated JavaPOS ticket printer read back as a gate's scanner
 * would: the PNG's QR code decodes to the issuer's signed ticket, byte for byte, and its signature
 * verifies.
 */
class JavaPosTicketPrinterIntegrationTest {
  private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

  @TempDir Path dir;
  private Path out;
  private JposRegistry registry;
  private SimulatedPaper.Roll roll;
  private KeyPair issuer;

  @BeforeEach
  void setUp() throws Exception {
    String units = "t-" + UUID.randomUUID();
    out = dir.resolve("out");
    registry = SimulatedDevices.registry(out, dir.resolve("counts.txt"), units);
    roll = SimulatedPaper.roll(SimulatedDevices.unitName(units, SimulatedDevices.TICKET_PRINTER));
    issuer = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
  }

  @Test
  void printedTicketDecodesBackToTheSignedTicketWhoseSignatureVerifies() throws Exception {
    SignedDocument signed = signedTicket("T-0001");
    Ticket ticket = DocumentParser.ticket(signed);
    try (JavaPosTicketPrinter printer = open()) {
      printer.print(TicketFaces.of(ticket, null, "ATM00001", Instant.now(), TOKYO));
    }

    SignedDocument scanned = TicketCode.decode(scanQr(out.resolve("ticket-0001.png")));
    assertEquals(signed, scanned);
    assertTrue(Signatures.verify(scanned, issuer.getPublic()));
    assertEquals("T-0001", DocumentParser.ticket(scanned).ticketNumber());
    String face = Files.readString(out.resolve("ticket-0001.txt"));
    for (String shown :
        new String[] {
          "Winter Gala Live", "Sec S Row 1 Seat 2", "Tokyo Dome Promotions", "ISSUE NO 7"
        }) {
      assertTrue(face.contains(shown), shown + " on the face:\n" + face);
    }
  }

  @Test
  void aTamperedCodeNoLongerVerifies() throws Exception {
    SignedDocument signed = signedTicket("T-0002");
    SignedDocument forged =
        new SignedDocument(
            new String(signed.payload(), StandardCharsets.UTF_8)
                .replace("S-1-2", "S-1-3")
                .getBytes(StandardCharsets.UTF_8),
            signed.signature(),
            signed.keyId(),
            signed.algorithm());
    SignedDocument decoded = TicketCode.decode(TicketCode.encode(forged));
    assertFalse(Signatures.verify(decoded, issuer.getPublic()));
    assertThrows(CenterException.class, () -> TicketCode.decode("KIPPU:T-1"));
    assertThrows(
        CenterException.class, () -> TicketCode.decode("KIPPU-T1.Ed25519.AAAA.not-deflated.key#1"));
  }

  @Test
  void paperOutMidTicketIsAFailedPrintAndNothingComesOut() throws Exception {
    roll.load(4, 1);
    Ticket ticket = DocumentParser.ticket(signedTicket("T-0003"));
    try (JavaPosTicketPrinter printer = open()) {
      assertThrows(
          TicketPrintException.class,
          () -> printer.print(TicketFaces.of(ticket, null, "ATM00001", Instant.now(), TOKYO)));
    }
    assertFalse(Files.exists(out.resolve("ticket-0001.png")));
  }

  private JavaPosTicketPrinter open() throws Exception {
    return new JavaPosTicketPrinter(TicketPrinter.open(registry, SimulatedDevices.TICKET_PRINTER));
  }

  private SignedDocument signedTicket(String number) throws Exception {
    String seat =
        "{\"seatId\":\"S-1-2\",\"section\":\"S\",\"row\":\"1\",\"number\":2,\"priceYen\":12000}";
    String payload =
        "{\"ticketNumber\":\""
            + number
            + "\",\"issueNumber\":7,\"issuerId\":\"tokyo-dome-promo\","
            + "\"issuerName\":\"Tokyo Dome Promotions\",\"issuedAt\":\"2026-12-01T10:00:00Z\","
            + "\"cardId\":\"KC-10001\",\"content\":{\"eventId\":\"evt-1\","
            + "\"title\":\"Winter Gala Live\",\"venue\":\"Tokyo Dome\","
            + "\"startsAt\":\"2026-12-24T18:00:00+09:00\",\"seats\":["
            + seat
            + "]},\"payment\":{\"method\":\"ACCOUNT_TRANSFER\",\"amountYen\":12000,"
            + "\"reference\":\"634119000003\",\"approvalCode\":\"000001\",\"stan\":\"000003\","
            + "\"paidAt\":\"2026-12-01T10:00:00Z\",\"acquirer\":\"000001\"},"
            + "\"reservation\":{\"reservationNumber\":\"R1\",\"seats\":["
            + seat
            + "],\"amountYen\":12000,\"expiresAt\":\"2026-12-04T10:00:00Z\"}}";
    byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
    Signature s = Signature.getInstance("Ed25519");
    s.initSign(issuer.getPrivate());
    s.update(bytes);
    return new SignedDocument(bytes, s.sign(), "tokyo-dome-promo#1", Signatures.ED25519);
  }

  private static String scanQr(Path png) throws Exception {
    BufferedImage img = ImageIO.read(png.toFile());
    int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    return new QRCodeReader()
        .decode(
            new BinaryBitmap(
                new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), px))),
            java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE))
        .getText();
  }
}
