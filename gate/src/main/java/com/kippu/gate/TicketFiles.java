package com.kippu.gate;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.ChecksumException;
import com.google.zxing.DecodeHintType;
import com.google.zxing.FormatException;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.ReaderException;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * A printed ticket given as a file instead of under the scanner: a PNG of the ticket (its QR code
 * is decoded) or a text file holding the code's text.
 */
public final class TicketFiles {
  private static final Map<DecodeHintType, Object> LOOK_HARD =
      Map.of(DecodeHintType.TRY_HARDER, Boolean.TRUE);
  private static final Map<DecodeHintType, Object> PURE =
      Map.of(DecodeHintType.PURE_BARCODE, Boolean.TRUE);

  /** Light pixels around the code when it is cut out of the ticket face, as a scanner sees it. */
  private static final int QUIET = 16;

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
    try {
      return decode(img).getBytes(StandardCharsets.US_ASCII);
    } catch (ReaderException e) {
      throw new IOException(file + " holds no readable QR code", e);
    }
  }

  /**
   * Looks hard over the whole face first; the finder patterns of a large code among the face's text
   * and lines are sometimes missed there, so the code is then cut out of the face (the tallest band
   * of rows without a light row between them) and read as a scanner aimed at it would.
   */
  static String decode(BufferedImage face)
      throws NotFoundException, ChecksumException, FormatException {
    BinaryBitmap whole = bitmap(face);
    try {
      return new QRCodeReader().decode(whole, LOOK_HARD).getText();
    } catch (ReaderException missed) {
      BufferedImage code = cutOutCode(face);
      if (code != null) {
        try {
          return new QRCodeReader().decode(bitmap(code), PURE).getText();
        } catch (ReaderException alsoMissed) {
          // fall through to the multi-code detector
        }
      }
      return new QRCodeMultiReader().decodeMultiple(whole, LOOK_HARD)[0].getText();
    }
  }

  private static BinaryBitmap bitmap(BufferedImage img) {
    int[] px = img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    return new BinaryBitmap(
        new HybridBinarizer(new RGBLuminanceSource(img.getWidth(), img.getHeight(), px)));
  }

  /** The tallest band of rows holding dark pixels, cropped to its dark columns, with a margin. */
  private static BufferedImage cutOutCode(BufferedImage face) {
    int bestTop = -1;
    int bestHeight = 0;
    int top = -1;
    for (int y = 0; y <= face.getHeight(); y++) {
      boolean dark = y < face.getHeight() && rowHasDark(face, y);
      if (dark && top < 0) {
        top = y;
      } else if (!dark && top >= 0) {
        if (y - top > bestHeight) {
          bestTop = top;
          bestHeight = y - top;
        }
        top = -1;
      }
    }
    if (bestTop < 0) {
      return null;
    }
    int left = face.getWidth();
    int right = -1;
    for (int y = bestTop; y < bestTop + bestHeight; y++) {
      for (int x = 0; x < face.getWidth(); x++) {
        if (isDark(face.getRGB(x, y))) {
          left = Math.min(left, x);
          right = Math.max(right, x);
        }
      }
    }
    int width = right - left + 1;
    BufferedImage code =
        new BufferedImage(width + 2 * QUIET, bestHeight + 2 * QUIET, BufferedImage.TYPE_INT_RGB);
    for (int y = 0; y < code.getHeight(); y++) {
      for (int x = 0; x < code.getWidth(); x++) {
        code.setRGB(x, y, 0xFFFFFF);
      }
    }
    for (int y = 0; y < bestHeight; y++) {
      for (int x = 0; x < width; x++) {
        code.setRGB(x + QUIET, y + QUIET, face.getRGB(left + x, bestTop + y));
      }
    }
    return code;
  }

  private static boolean rowHasDark(BufferedImage img, int y) {
    for (int x = 0; x < img.getWidth(); x++) {
      if (isDark(img.getRGB(x, y))) {
        return true;
      }
    }
    return false;
  }

  private static boolean isDark(int rgb) {
    int r = (rgb >> 16) & 0xFF;
    int g = (rgb >> 8) & 0xFF;
    int b = rgb & 0xFF;
    return r + g + b < 3 * 128;
  }
}
