package com.kippu.devices.sim;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws what a kiosk's card printer puts on the face of a card (S2 ¶24, ¶39): an optional image on
 * the left and text lines beside it, on an ID-1 card (ISO/IEC 7810: 85.60 × 53.98 mm, here 300
 * dpi). The PNG is written atomically, so a reader never sees half a face.
 */
final class CardFaceRenderer {

  static final int WIDTH = 1011;
  static final int HEIGHT = 638;

  private CardFaceRenderer() {}

  /** The face file of {@code cardImage}: {@code <card file name>.face.png} beside it. */
  static Path faceFile(Path cardImage) {
    return cardImage.resolveSibling(cardImage.getFileName() + ".face.png");
  }

  static void render(List<String> lines, BufferedImage picture, Path out) throws IOException {
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRoundRect(0, 0, WIDTH, HEIGHT, 40, 40);
      int textLeft = 48;
      if (picture != null) {
        int box = HEIGHT - 96;
        double scale =
            Math.min((double) box / picture.getWidth(), (double) box / picture.getHeight());
        int w = (int) Math.round(picture.getWidth() * scale);
        int h = (int) Math.round(picture.getHeight() * scale);
        g.drawImage(picture, 48, (HEIGHT - h) / 2, w, h, null);
        textLeft = 48 + w + 40;
      }
      g.setColor(Color.BLACK);
      g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 44));
      int y = 100;
      for (String line : lines) {
        g.drawString(line, textLeft, y);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 36));
        y += 56;
      }
    } finally {
      g.dispose();
    }
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    if (!ImageIO.write(img, "png", tmp.toFile())) {
      throw new IOException("no PNG writer available");
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }
}
