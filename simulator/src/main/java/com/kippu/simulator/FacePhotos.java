package com.kippu.simulator;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * The face photo staff take at the counter when they check a registered user's identity (S2 ¶35,
 * ¶39), as the counter's camera would: here a generated portrait (a head and shoulders on a plain
 * backdrop) kept in the branch's files under {@code photos/<user>.png} and sent to the center with
 * the operator's check.
 */
final class FacePhotos {
  /** The backdrop, a flat colour a check can find again on a printed card face. */
  static final Color BACKDROP = new Color(70, 130, 200);

  private FacePhotos() {}

  /** A 90 x 120 portrait PNG. */
  static byte[] portrait() throws Exception {
    BufferedImage img = new BufferedImage(90, 120, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setColor(BACKDROP);
      g.fillRect(0, 0, 90, 120);
      g.setColor(new Color(40, 40, 60));
      g.fillOval(5, 78, 80, 70); // shoulders
      g.setColor(new Color(240, 205, 170));
      g.fillOval(25, 25, 40, 50); // face
      g.setColor(new Color(30, 20, 20));
      g.fillArc(22, 18, 46, 34, 0, 180); // hair
      g.fillOval(35, 45, 5, 5); // eyes
      g.fillOval(50, 45, 5, 5);
      g.drawArc(37, 55, 16, 8, 200, 140); // smile
    } finally {
      g.dispose();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(img, "png", out);
    return out.toByteArray();
  }

  /** Takes {@code user}'s portrait at the counter into the branch's files; returns the PNG. */
  static byte[] take(Branch branch, String user) throws Exception {
    byte[] png = portrait();
    Path file = branch.dir().resolve("photos").resolve(user + ".png");
    Files.createDirectories(file.getParent());
    Files.write(file, png);
    return png;
  }

  /** How many pixels of {@code face} show the portrait's backdrop (within a small tolerance). */
  static int backdropPixels(Path face) throws Exception {
    BufferedImage img = ImageIO.read(face.toFile());
    int n = 0;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        Color c = new Color(img.getRGB(x, y));
        if (Math.abs(c.getRed() - BACKDROP.getRed()) < 12
            && Math.abs(c.getGreen() - BACKDROP.getGreen()) < 12
            && Math.abs(c.getBlue() - BACKDROP.getBlue()) < 12) {
          n++;
        }
      }
    }
    return n;
  }
}
