package com.kippu.devices.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The card face: text wrapped and shrunk to the printable area, refused when it cannot fit. */
class CardFaceRendererTest {

  private static final String LONG_LINE = "Concert 01/02/25 14:00 / Yokohama Arena S-502";

  @TempDir Path dir;

  private static BufferedImage photo() {
    BufferedImage img = new BufferedImage(400, 400, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setColor(Color.DARK_GRAY);
    g.fillRect(0, 0, 400, 400);
    g.dispose();
    return img;
  }

  /** Where the text column starts beside {@link #photo()}: the photo fills the printable height. */
  private static int textLeftBesidePhoto() {
    int box = CardFaceRenderer.HEIGHT - 2 * CardFaceRenderer.MARGIN;
    return CardFaceRenderer.MARGIN + box + 40;
  }

  private static boolean ink(int rgb) {
    Color c = new Color(rgb);
    return c.getRed() < 250 || c.getGreen() < 250 || c.getBlue() < 250;
  }

  private static int width(CardFaceRenderer.Placed p) {
    Graphics2D g = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
    try {
      return CardFaceRenderer.advance(p.text(), p.font(), g);
    } finally {
      g.dispose();
    }
  }

  @Test
  void longLineBesideAnImageWrapsAndNoInkLiesOutsideThePrintableArea() throws Exception {
    List<String> lines = List.of("KIPPU", LONG_LINE, "Hanako Yamada");
    int left = textLeftBesidePhoto();
    List<CardFaceRenderer.Placed> placed = CardFaceRenderer.layout(lines, left);
    assertTrue(placed.size() > lines.size(), "the long line was not wrapped: " + placed);
    int right = CardFaceRenderer.WIDTH - CardFaceRenderer.MARGIN;
    for (CardFaceRenderer.Placed p : placed) {
      assertTrue(p.x() + width(p) <= right, p + " runs past the right margin");
    }
    assertEquals(
        LONG_LINE.replace(" ", ""),
        placed.stream()
            .map(CardFaceRenderer.Placed::text)
            .skip(1)
            .limit(placed.size() - 2)
            .collect(Collectors.joining())
            .replace(" ", ""),
        "wrapping lost or added characters");

    Path face = dir.resolve("card.face.png");
    CardFaceRenderer.render(lines, photo(), face);
    BufferedImage img = ImageIO.read(face.toFile());
    int m = CardFaceRenderer.MARGIN;
    boolean textInk = false;
    for (int y = 0; y < img.getHeight(); y++) {
      for (int x = 0; x < img.getWidth(); x++) {
        boolean inside = x >= m && x < img.getWidth() - m && y >= m && y < img.getHeight() - m;
        if (!inside) {
          assertFalse(ink(img.getRGB(x, y)), "ink outside the printable area at " + x + "," + y);
        } else if (x >= left && ink(img.getRGB(x, y))) {
          textInk = true;
        }
      }
    }
    assertTrue(textInk, "no text was drawn");
  }

  @Test
  void tooManyLinesShrinkTheTypeBeforeAnythingIsRefused() throws Exception {
    List<String> lines = Collections.nCopies(16, "Seat S-502");
    List<CardFaceRenderer.Placed> placed = CardFaceRenderer.layout(lines, CardFaceRenderer.MARGIN);
    assertEquals(16, placed.size());
    int body = placed.get(1).font().getSize();
    assertTrue(
        body < CardFaceRenderer.BODY_SIZE && body >= CardFaceRenderer.MIN_BODY_SIZE,
        "body type " + body);
    CardFaceRenderer.Placed last = placed.get(placed.size() - 1);
    assertTrue(
        last.baseline() <= CardFaceRenderer.HEIGHT - CardFaceRenderer.MARGIN, last.toString());
  }

  @Test
  void textThatCannotFitEvenAtTheSmallestTypeIsRefusedAndNoFaceIsWritten() {
    List<String> lines = Collections.nCopies(9, LONG_LINE + " " + LONG_LINE);
    Path face = dir.resolve("full.face.png");
    CardFaceRenderer.TextDoesNotFitException e =
        assertThrows(
            CardFaceRenderer.TextDoesNotFitException.class,
            () -> CardFaceRenderer.render(lines, photo(), face));
    assertTrue(e.getMessage().contains("nothing was printed"), e.getMessage());
    assertFalse(Files.exists(face));
    assertFalse(Files.exists(dir.resolve("full.face.png.tmp")));
  }

  @Test
  void japaneseWrapsBetweenCharactersAndEachGlyphComesFromAFontThatHasIt() throws Exception {
    String line = "夏のコンサート横浜アリーナ公演二〇二五年八月一日午後二時開演指定席";
    List<CardFaceRenderer.Placed> placed =
        CardFaceRenderer.layout(List.of("KIPPU", line), textLeftBesidePhoto());
    assertTrue(placed.size() > 2, "the Japanese line was not wrapped: " + placed);
    assertEquals(
        line,
        placed.stream().skip(1).map(CardFaceRenderer.Placed::text).collect(Collectors.joining()));

    List<Font> installed =
        Arrays.stream(GraphicsEnvironment.getLocalGraphicsEnvironment().getAllFonts()).toList();
    for (CardFaceRenderer.Placed p : placed) {
      p.text()
          .codePoints()
          .forEach(
              cp -> {
                boolean someFontHasIt = installed.stream().anyMatch(f -> f.canDisplay(cp));
                Font used = ReceiptPaper.displayable(p.font(), cp);
                assertEquals(
                    someFontHasIt,
                    used.canDisplay(cp),
                    "U+" + Integer.toHexString(cp) + " drawn with " + used.getFamily());
                assertEquals(p.font().getSize(), used.getSize());
              });
    }
    CardFaceRenderer.render(List.of("KIPPU", line), photo(), dir.resolve("ja.face.png"));
    assertTrue(Files.size(dir.resolve("ja.face.png")) > 0);
  }
}
