package com.kippu.devices.sim;

import static jpos.POSPrinterConst.*;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.MultiFormatWriter;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import jpos.JposConst;
import jpos.JposException;

/**
 * Turns printBarCode and printBitmap arguments into the pixels a thermal head would print: QR codes
 * (ISO/IEC 18004, error correction M, UTF-8) and Code 128 bar codes through ZXing, bitmaps from
 * BMP, JPEG, GIF or PNG files or memory. Bad arguments are JPOS_E_ILLEGAL, detected before any
 * paper moves.
 */
final class PrintImages {

  private PrintImages() {}

  /** The bar code as an image about {@code width} × {@code height} dots. */
  static BufferedImage barCode(String data, int symbology, int height, int width)
      throws JposException {
    if (data == null || data.isEmpty()) {
      throw new JposException(JposConst.JPOS_E_ILLEGAL, "bar code data must not be empty");
    }
    if (height <= 0 || width <= 0) {
      throw new JposException(JposConst.JPOS_E_ILLEGAL, "bar code height and width must be > 0");
    }
    BarcodeFormat format =
        switch (symbology) {
          case PTR_BCS_QRCODE, PTR_BCS_UQRCODE -> BarcodeFormat.QR_CODE;
          case PTR_BCS_Code128, PTR_BCS_Code128_Parsed -> BarcodeFormat.CODE_128;
          default ->
              throw new JposException(
                  JposConst.JPOS_E_ILLEGAL,
                  "symbology " + symbology + " is not supported (QR code and Code 128 are)");
        };
    boolean square = format == BarcodeFormat.QR_CODE;
    try {
      BitMatrix m =
          new MultiFormatWriter()
              .encode(
                  data,
                  format,
                  square ? Math.min(width, height) : width,
                  square ? Math.min(width, height) : height,
                  Map.of(
                      EncodeHintType.CHARACTER_SET,
                      "UTF-8",
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      2));
      return toImage(m);
    } catch (WriterException | IllegalArgumentException e) {
      throw new JposException(
          JposConst.JPOS_E_ILLEGAL, "bar code cannot encode the data: " + e.getMessage(), e);
    }
  }

  private static BufferedImage toImage(BitMatrix m) {
    BufferedImage img =
        new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        img.setRGB(x, y, m.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
      }
    }
    return img;
  }

  static BufferedImage bitmapFile(String fileName, int width) throws JposException {
    if (fileName == null || fileName.isBlank()) {
      throw new JposException(JposConst.JPOS_E_ILLEGAL, "bitmap file name must not be empty");
    }
    Path file = Path.of(fileName);
    if (!Files.isReadable(file)) {
      throw new JposException(JposConst.JPOS_E_NOEXIST, "bitmap file " + file + " not found");
    }
    try {
      return scaled(ImageIO.read(file.toFile()), width, file.toString());
    } catch (IOException e) {
      throw new JposException(JposConst.JPOS_E_ILLEGAL, "bitmap " + file + " unreadable", e);
    }
  }

  static BufferedImage bitmapBytes(byte[] data, int type, int width) throws JposException {
    if (type != PTR_BMT_BMP && type != PTR_BMT_JPEG && type != PTR_BMT_GIF) {
      throw new JposException(JposConst.JPOS_E_ILLEGAL, "memory bitmap type " + type + " unknown");
    }
    if (data == null || data.length == 0) {
      throw new JposException(JposConst.JPOS_E_ILLEGAL, "memory bitmap is empty");
    }
    try {
      return scaled(ImageIO.read(new ByteArrayInputStream(data)), width, "memory bitmap");
    } catch (IOException e) {
      throw new JposException(JposConst.JPOS_E_ILLEGAL, "memory bitmap unreadable", e);
    }
  }

  /** PTR_BM_ASIS keeps one pixel per dot; a positive width scales to that many dots. */
  private static BufferedImage scaled(BufferedImage img, int width, String what)
      throws JposException {
    if (img == null) {
      throw new JposException(
          JposConst.JPOS_E_ILLEGAL, what + " is not a BMP, JPEG, GIF or PNG image");
    }
    if (width == PTR_BM_ASIS || width == img.getWidth()) {
      return img;
    }
    if (width <= 0) {
      throw new JposException(JposConst.JPOS_E_ILLEGAL, "bitmap width must be > 0 or PTR_BM_ASIS");
    }
    int h = Math.max(1, (int) Math.round(img.getHeight() * (double) width / img.getWidth()));
    BufferedImage out = new BufferedImage(width, h, BufferedImage.TYPE_INT_RGB);
    var g = out.createGraphics();
    try {
      g.drawImage(img, 0, 0, width, h, null);
    } finally {
      g.dispose();
    }
    return out;
  }

  static ReceiptPaper.Align align(int alignment) {
    return switch (alignment) {
      case PTR_BC_LEFT -> ReceiptPaper.Align.LEFT;
      case PTR_BC_RIGHT -> ReceiptPaper.Align.RIGHT;
      default -> ReceiptPaper.Align.CENTER; // PTR_BC_CENTER; dot positions are centred too
    };
  }
}
