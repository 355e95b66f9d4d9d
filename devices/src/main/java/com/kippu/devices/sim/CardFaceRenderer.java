package com.kippu.devices.sim;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Draws what a kiosk's card printer puts on the face of a card (S2 ¶24, ¶39): an optional image on
 * the left and text lines beside it, on an ID-1 card (ISO/IEC 7810: 85.60 × 53.98 mm, here 300 dpi)
 * inside a printable area {@value #MARGIN} dots (4 mm) from every edge.
 *
 * <p>Each text line is wrapped at spaces (between any two characters where there are none, as in
 * Japanese) to the width beside the image; when the wrapped text is taller than the printable area
 * the type is shrunk, down to {@value #MIN_BODY_SIZE} dots. Text that does not fit even then is
 * refused with {@link TextDoesNotFitException} before anything is drawn: a card face is printed
 * once, so a face with lost words is worse than none, and the application can shorten the text.
 * Characters the card font lacks are drawn with an installed font that has them (the CJK fallback
 * of {@link ReceiptPaper}); a character no installed font has is refused ({@link
 * MissingGlyphException}) rather than drawn as an empty box. The PNG is written atomically, so a
 * reader never sees half a face.
 */
final class CardFaceRenderer {

  static final int WIDTH = 1011;
  static final int HEIGHT = 638;
  static final int MARGIN = 48;
  static final int TITLE_SIZE = 44;
  static final int BODY_SIZE = 36;
  static final int MIN_BODY_SIZE = 24; // 2 mm type at 300 dpi: the smallest still read easily
  private static final int IMAGE_GAP = 40;

  /** The text cannot be printed on the card even wrapped and at the smallest type size. */
  static final class TextDoesNotFitException extends IOException {
    private static final long serialVersionUID = 1L;

    TextDoesNotFitException(String message) {
      super(message);
    }
  }

  /**
   * A character of the text has no glyph in any installed font: printed, it would come out as an
   * empty box ("tofu"), so nothing is printed. Japanese text needs a CJK font installed (on Debian
   * {@code fonts-noto-cjk}).
   */
  static final class MissingGlyphException extends IOException {
    private static final long serialVersionUID = 1L;

    MissingGlyphException(String message) {
      super(message);
    }
  }

  /** One printed text line: where its baseline is and in which font (before fallback). */
  record Placed(String text, Font font, int x, int baseline) {}

  private CardFaceRenderer() {}

  /** The face file of {@code cardImage}: {@code <card file name>.face.png} beside it. */
  static Path faceFile(Path cardImage) {
    return cardImage.resolveSibling(cardImage.getFileName() + ".face.png");
  }

  static void render(List<String> lines, BufferedImage picture, Path out) throws IOException {
    BufferedImage img = draw(lines, picture);
    Path tmp = out.resolveSibling(out.getFileName() + ".tmp");
    if (!ImageIO.write(img, "png", tmp.toFile())) {
      throw new IOException("no PNG writer available");
    }
    Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The face with {@code picture} (or none) and {@code lines}, refused as {@link #render} is. */
  static BufferedImage draw(List<String> lines, BufferedImage picture) throws IOException {
    int textLeft = MARGIN;
    int imageW = 0;
    int imageH = 0;
    if (picture != null) {
      int box = HEIGHT - 2 * MARGIN;
      double scale =
          Math.min((double) box / picture.getWidth(), (double) box / picture.getHeight());
      imageW = Math.max(1, (int) Math.floor(picture.getWidth() * scale));
      imageH = Math.max(1, (int) Math.floor(picture.getHeight() * scale));
      textLeft = MARGIN + imageW + IMAGE_GAP;
    }
    requireGlyphs(lines); // both refuse before anything is drawn
    List<Placed> text = layout(lines, textLeft);
    BufferedImage img = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, WIDTH, HEIGHT);
      if (picture != null) {
        g.drawImage(picture, MARGIN, (HEIGHT - imageH) / 2, imageW, imageH, null);
      }
      g.setColor(Color.BLACK);
      for (Placed p : text) {
        int x = p.x();
        for (int i = 0; i < p.text().length(); ) {
          int cp = p.text().codePointAt(i);
          i += Character.charCount(cp);
          Font f = ReceiptPaper.displayable(p.font(), cp);
          g.setFont(f);
          g.drawString(new String(Character.toChars(cp)), x, p.baseline());
          x += g.getFontMetrics(f).charWidth(cp);
        }
      }
    } finally {
      g.dispose();
    }
    return img;
  }

  /**
   * Wraps {@code lines} (the first as a bold title) into the box from {@code textLeft} to the right
   * margin, shrinking the type until all of it fits the printable height.
   *
   * @throws TextDoesNotFitException when it does not fit at {@value #MIN_BODY_SIZE} dots
   */
  static List<Placed> layout(List<String> lines, int textLeft) throws TextDoesNotFitException {
    int width = WIDTH - MARGIN - textLeft;
    int height = HEIGHT - 2 * MARGIN;
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = probe.createGraphics();
    try {
      for (int body = BODY_SIZE; body >= MIN_BODY_SIZE; body -= 2) {
        int title = body * TITLE_SIZE / BODY_SIZE;
        List<Placed> placed = new ArrayList<>();
        int top = MARGIN;
        boolean fits = width > 0;
        for (int i = 0; i < lines.size() && fits; i++) {
          Font font =
              new Font(Font.SANS_SERIF, i == 0 ? Font.BOLD : Font.PLAIN, i == 0 ? title : body);
          FontMetrics fm = g.getFontMetrics(font);
          for (String part : wrap(lines.get(i), font, width, g)) {
            if (top + fm.getAscent() + fm.getDescent() > MARGIN + height
                || advance(part, font, g) > width) {
              fits = false;
              break;
            }
            placed.add(new Placed(part, font, textLeft, top + fm.getAscent()));
            top += fm.getHeight();
          }
        }
        if (fits) {
          return placed;
        }
      }
    } finally {
      g.dispose();
    }
    throw new TextDoesNotFitException(
        "the text ("
            + lines.size()
            + " lines) does not fit a "
            + Math.max(0, width)
            + " x "
            + height
            + " dot area even at "
            + MIN_BODY_SIZE
            + "-dot type; nothing was printed");
  }

  /**
   * Refuses text with a character no installed font can draw, naming the first one and its line.
   *
   * @throws MissingGlyphException for the first such character
   */
  static void requireGlyphs(List<String> lines) throws MissingGlyphException {
    Font font = new Font(Font.SANS_SERIF, Font.PLAIN, BODY_SIZE);
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n) == null ? "" : lines.get(n);
      for (int i = 0; i < line.length(); ) {
        int cp = line.codePointAt(i);
        i += Character.charCount(cp);
        if (!Character.isWhitespace(cp) && !ReceiptPaper.displayable(font, cp).canDisplay(cp)) {
          throw new MissingGlyphException(
              String.format(
                  "no installed font can draw U+%04X '%s' in line %d (\"%s\"); a card face is"
                      + " never printed with empty boxes: install a font that has it (Japanese:"
                      + " fonts-noto-cjk, see scripts/install-cjk-fonts.sh); nothing was printed",
                  cp, new String(Character.toChars(cp)), n + 1, line));
        }
      }
    }
  }

  /** Width in dots of {@code s} drawn code point by code point, each in a font that has it. */
  static int advance(String s, Font font, Graphics2D g) {
    int w = 0;
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      w += g.getFontMetrics(ReceiptPaper.displayable(font, cp)).charWidth(cp);
    }
    return w;
  }

  /**
   * Breaks {@code line} into pieces no wider than {@code width}: after the last space that fits, or
   * between characters when a word (or a run of Japanese) is wider than the box by itself.
   */
  private static List<String> wrap(String line, Font font, int width, Graphics2D g) {
    List<String> out = new ArrayList<>();
    String rest = line == null ? "" : line.strip();
    while (advance(rest, font, g) > width) {
      int end = 0; // the longest prefix, in code points, that fits
      while (end < rest.length()) {
        int next = end + Character.charCount(rest.codePointAt(end));
        if (advance(rest.substring(0, next), font, g) > width) {
          break;
        }
        end = next;
      }
      if (end == 0) {
        end = Character.charCount(rest.codePointAt(0)); // one glyph wider than the box
      }
      int space = rest.lastIndexOf(' ', end);
      int cut = space > 0 ? space : end;
      out.add(rest.substring(0, cut).stripTrailing());
      rest = rest.substring(cut).stripLeading();
    }
    out.add(rest);
    return out;
  }
}
