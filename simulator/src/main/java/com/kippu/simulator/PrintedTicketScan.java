package com.kippu.simulator;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.Signatures;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.center.TicketCode;
import com.kippu.atm.center.internal.DocumentParser;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Reads a printed ticket back as a gate's scanner would: the QR code of the printer's PNG, the
 * signed ticket it carries, and the issuer's signature over it.
 */
final class PrintedTicketScan {
  private PrintedTicketScan() {}

  /** What a printed ticket carries and whether its issuer signature holds. */
  record Scanned(Ticket ticket, boolean signatureValid, String replaces) {}

  static Scanned scan(Path png, IssuerCenter center) throws Exception {
    BufferedImage img = ImageIO.read(png.toFile());
    int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    BinaryBitmap bitmap =
        new BinaryBitmap(
            new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), px)));
    // Look hard: the code sits among the ticket face's text and lines.
    String code =
        new QRCodeReader()
            .decode(
                bitmap, java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE))
            .getText();
    SignedDocument signed = TicketCode.decode(code);
    Ticket ticket = DocumentParser.ticket(signed);
    boolean valid = verify(signed, ticket, center);
    String replaces =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(signed.payload())
            .path("replaces")
            .asText("");
    return new Scanned(ticket, valid, replaces);
  }

  private static boolean verify(SignedDocument signed, Ticket ticket, IssuerCenter center)
      throws CenterException {
    return Signatures.verify(signed, center.issuerKey(ticket.issuerId()));
  }
}
