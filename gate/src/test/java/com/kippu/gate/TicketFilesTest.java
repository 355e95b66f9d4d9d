package com.kippu.gate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Printed ticket faces as the simulated printer writes them: text lines, then a large code. */
class TicketFilesTest {
  @TempDir Path dir;

  /** A face like the ticket printer's: a dozen text lines, then a 480-dot code (margin 2, M). */
  private static BufferedImage face(String code) throws Exception {
    BitMatrix m =
        new QRCodeWriter()
            .encode(
                code,
                BarcodeFormat.QR_CODE,
                480,
                480,
                Map.of(
                    EncodeHintType.ERROR_CORRECTION,
                    ErrorCorrectionLevel.M,
                    EncodeHintType.MARGIN,
                    2));
    BufferedImage img = new BufferedImage(512, 780, BufferedImage.TYPE_BYTE_BINARY);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, img.getWidth(), img.getHeight());
    g.setColor(Color.BLACK);
    g.setFont(new Font(Font.MONOSPACED, Font.PLAIN, 16));
    for (int line = 0; line < 13; line++) {
      g.drawString("TICKET T0R9KW11L3Y6F REPLACES TIAJFJEATXIQJ " + line, 16, 20 + 19 * line);
    }
    g.dispose();
    for (int y = 0; y < m.getHeight(); y++) {
      for (int x = 0; x < m.getWidth(); x++) {
        if (m.get(x, y)) {
          img.setRGB(16 + x, 270 + y, 0xFF000000);
        }
      }
    }
    return img;
  }

  private Path png(BufferedImage img) throws IOException {
    Path file = dir.resolve("ticket.png");
    ImageIO.write(img, "png", file.toFile());
    return file;
  }

  @Test
  void readsTheCodeOfEveryFaceTheTicketPrinterMakes() throws Exception {
    Random random = new Random(7);
    for (int i = 0; i < 40; i++) {
      byte[] signed = new byte[420];
      random.nextBytes(signed);
      String code =
          "KIPPU-T1.ES256." + Base64.getUrlEncoder().withoutPadding().encodeToString(signed);

      assertArrayEquals(
          code.getBytes(StandardCharsets.US_ASCII), TicketFiles.read(png(face(code))), "face " + i);
    }
  }

  @Test
  void aTextFileHoldsTheCodesText() throws Exception {
    Path file = dir.resolve("ticket.txt");
    Files.writeString(file, "  KIPPU-T1.abc\n");

    assertEquals("KIPPU-T1.abc", new String(TicketFiles.read(file), StandardCharsets.US_ASCII));
  }

  @Test
  void aFaceWithoutACodeIsRefusedClearly() throws Exception {
    BufferedImage blank = new BufferedImage(200, 200, BufferedImage.TYPE_BYTE_BINARY);

    IOException e = assertThrows(IOException.class, () -> TicketFiles.read(png(blank)));
    assertEquals(dir.resolve("ticket.png") + " holds no readable QR code", e.getMessage());
  }

  @Test
  void aFileThatIsNoImageIsRefusedClearly() throws Exception {
    Path file = dir.resolve("ticket.png");
    Files.writeString(file, "not an image");

    IOException e = assertThrows(IOException.class, () -> TicketFiles.read(file));
    assertEquals(file + " is not a PNG image", e.getMessage());
  }
}
