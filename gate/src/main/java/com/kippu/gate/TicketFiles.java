package com.kippu.gate;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A printed ticket given as a file instead of under the scanner: a PNG of the ticket (its QR code
 * is decoded) or a text file holding the code's text.
 */
public final class TicketFiles {
  private TicketFiles() {}

  /**
   * The code's text as a scanner would deliver it.
   *
   * @throws IOException when the file cannot be read, or a PNG holds no readable QR code
   */
  public static byte[] read(Path file) throws IOException {
    if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
      return Files.readString(file, StandardCharsets.US_ASCII)
          .strip()
          .getBytes(StandardCharsets.US_ASCII);
    }
    BufferedImage img = ImageIO.read(file.toFile());
    if (img == null) {
      throw new IOException(file + " is not a PNG image");
    }
    int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    BinaryBitmap bitmap =
        new BinaryBitmap(
            new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), px)));
    try {
      // Look hard: the code sits among the ticket face's text and lines. The single-code reader
      // misses some large codes' finder patterns there, which the multi-code detector finds.
      java.util.Map<com.google.zxing.DecodeHintType, Object> hints =
          java.util.Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, Boolean.TRUE);
      try {
        return new QRCodeReader()
            .decode(bitmap, hints)
            .getText()
            .getBytes(StandardCharsets.US_ASCII);
      } catch (NotFoundException missed) {
        return new com.google.zxing.multi.qrcode.QRCodeMultiReader()
            .decodeMultiple(bitmap, hints)[0]
            .getText()
            .getBytes(StandardCharsets.US_ASCII);
      }
    } catch (NotFoundException | ChecksumException | FormatException e) {
      throw new IOException(file + " holds no readable QR code", e);
    }
  }
}
