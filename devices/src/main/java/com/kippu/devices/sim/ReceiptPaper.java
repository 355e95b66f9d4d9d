package com.kippu.devices.sim;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;

/**
 * The receipt station's paper: turns printNormal data with JavaPOS escape sequences into lines, and
 * a cut into one finished receipt. Interpreted sequences (UnifiedPOS 1.14 POSPrinter, "Data
 * Characters and Escape Sequences"): {@code ESC|N}, {@code ESC|bC}, {@code ESC|!bC}, {@code
 * ESC|cA}, {@code ESC|rA}, {@code ESC|#lF}, and the cuts {@code ESC|#P}, {@code ESC|#fP}, {@code
 * ESC|#sP}; any other sequence is stripped. Lines wider than the station wrap, counting East Asian
 * wide characters as two columns. Bar codes and bitmaps are image lines; {@link #linesFed} counts
 * the paper used, in text lines, so the printer can check it against the roll before committing.
 */
final class ReceiptPaper {

  enum Align {
    LEFT,
    CENTER,
    RIGHT
  }

  record Run(String text, boolean bold) {}

  /** A text line, or an image line ({@code image} set, {@code alt} its text-file stand-in). */
  record Line(List<Run> runs, Align align, BufferedImage image, String alt) {
    Line(List<Run> runs, Align align) {
      this(runs, align, null, null);
    }

    String text() {
      if (image != null) {
        return alt;
      }
      StringBuilder b = new StringBuilder();
      runs.forEach(r -> b.append(r.text()));
      return b.toString();
    }

    /** Paper used, in text lines of {@link #DOTS_PER_LINE} dots. */
    int paperLines() {
      return image == null ? 1 : (image.getHeight() + DOTS_PER_LINE - 1) / DOTS_PER_LINE;
    }
  }

  /** Height of one text line in printer dots (RecLineHeight 24 at 203 dpi). */
  static final int DOTS_PER_LINE = 24;

  // ESC | then anything up to and including the first upper-case letter ends a sequence.
  private static final Pattern ESCAPE = Pattern.compile("\u001b\\|([^A-Z]*)([A-Z])");
  private static final Pattern CUT = Pattern.compile("\\d*[fs]?");
  private static final Pattern FEED = Pattern.compile("(\\d*)l");

  private final int columns;
  private final List<Line> lines = new ArrayList<>();
  private List<Run> runs = new ArrayList<>();
  private StringBuilder text = new StringBuilder();
  private int width;
  private boolean bold;
  private Align align = Align.LEFT;
  private long linesFed;

  ReceiptPaper(int columns) {
    this.columns = columns;
  }

  /** A copy to try output on: what it consumes is compared with the roll before it is kept. */
  ReceiptPaper copy() {
    ReceiptPaper c = new ReceiptPaper(columns);
    c.lines.addAll(lines);
    c.runs = new ArrayList<>(runs);
    c.text = new StringBuilder(text);
    c.width = width;
    c.bold = bold;
    c.align = align;
    c.linesFed = linesFed;
    return c;
  }

  /** Paper fed since this paper was created, in text lines (images count by their height). */
  long linesFed() {
    return linesFed;
  }

  /** Prints an image on lines of its own, e.g. a QR code or a logo. */
  void printImage(BufferedImage image, Align imageAlign, String alt) {
    if (!runs.isEmpty() || text.length() > 0) {
      endLine();
    }
    Line line = new Line(List.of(), imageAlign, image, alt);
    lines.add(line);
    linesFed += line.paperLines();
  }

  boolean isEmpty() {
    return lines.isEmpty() && runs.isEmpty() && text.length() == 0;
  }

  /** Forgets the uncut lines (clearOutput, power loss); the paper they used stays used. */
  void clear() {
    lines.clear();
    runs = new ArrayList<>();
    text = new StringBuilder();
    width = 0;
    bold = false;
    align = Align.LEFT;
  }

  /** Prints {@code data}; returns one finished receipt per cut found, in order. */
  List<List<Line>> print(String data) {
    List<List<Line>> receipts = new ArrayList<>();
    Matcher m = ESCAPE.matcher(data);
    int at = 0;
    while (m.find()) {
      printText(data.substring(at, m.start()));
      String body = m.group(1);
      char kind = m.group(2).charAt(0);
      if (kind == 'P' && CUT.matcher(body).matches()) {
        receipts.add(cut());
      } else {
        escape(body, kind);
      }
      at = m.end();
    }
    printText(data.substring(at));
    return receipts;
  }

  /** Ends the receipt: the lines printed since the previous cut. */
  List<Line> cut() {
    if (!runs.isEmpty() || text.length() > 0) {
      endLine();
    }
    List<Line> receipt = List.copyOf(lines);
    clear();
    return receipt;
  }

  private void escape(String body, char kind) {
    switch (kind) {
      case 'N' -> {
        flushRun();
        bold = false;
        align = Align.LEFT;
      }
      case 'C' -> {
        if (body.equals("b") || body.equals("!b")) {
          flushRun();
          bold = body.equals("b");
        }
      }
      case 'A' -> {
        if (body.equals("c")) {
          align = Align.CENTER;
        } else if (body.equals("r")) {
          align = Align.RIGHT;
        }
      }
      case 'F' -> {
        Matcher f = FEED.matcher(body);
        if (f.matches()) {
          int n = f.group(1).isEmpty() ? 1 : Integer.parseInt(f.group(1));
          if (!runs.isEmpty() || text.length() > 0) {
            endLine();
            n--;
          }
          for (int i = 0; i < n; i++) {
            endLine();
          }
        }
      }
      default -> {
        // Not supported: stripped, as a printer ignores sequences it does not know.
      }
    }
  }

  private void printText(String s) {
    for (int i = 0; i < s.length(); ) {
      int cp = s.codePointAt(i);
      i += Character.charCount(cp);
      if (cp == '\n') {
        endLine();
      } else if (cp >= 0x20 && cp != 0x7F) {
        int w = cellWidth(cp);
        if (width + w > columns) {
          endLine();
        }
        text.appendCodePoint(cp);
        width += w;
      }
    }
  }

  private void flushRun() {
    if (text.length() > 0) {
      runs.add(new Run(text.toString(), bold));
      text = new StringBuilder();
    }
  }

  private void endLine() {
    flushRun();
    lines.add(new Line(List.copyOf(runs), align));
    linesFed++;
    runs = new ArrayList<>();
    width = 0;
    align = Align.LEFT; // alignment applies to the line it was given on
  }

  static int cellWidth(int cp) {
    boolean wide =
        (cp >= 0x1100 && cp <= 0x115F)
            || (cp >= 0x2E80 && cp <= 0xA4CF)
            || (cp >= 0xAC00 && cp <= 0xD7A3)
            || (cp >= 0xF900 && cp <= 0xFAFF)
            || (cp >= 0xFE30 && cp <= 0xFE4F)
            || (cp >= 0xFF00 && cp <= 0xFF60)
            || (cp >= 0xFFE0 && cp <= 0xFFE6)
            || cp >= 0x20000;
    return wide ? 2 : 1;
  }

  static int width(String s) {
    return s.codePoints().map(ReceiptPaper::cellWidth).sum();
  }

  /** The receipt as plain text, aligned within {@code columns}. */
  static String toText(List<Line> receipt, int columns) {
    StringBuilder out = new StringBuilder();
    for (Line line : receipt) {
      String t = line.text();
      int pad = Math.max(0, columns - width(t));
      int left =
          switch (line.align()) {
            case LEFT -> 0;
            case CENTER -> pad / 2;
            case RIGHT -> pad;
          };
      out.append(" ".repeat(left)).append(t).append('\n');
    }
    return out.toString();
  }

  // Code point -> family of an installed font that has its glyph ("" when none has it).
  private static final java.util.Map<Integer, String> FALLBACK =
      new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * {@code font}, or an installed font of the same style and size that has a glyph for cp (the CJK
   * fallback, also used on card faces).
   */
  static Font displayable(Font font, int cp) {
    if (font.canDisplay(cp)) {
      return font;
    }
    String family =
        FALLBACK.computeIfAbsent(
            cp,
            c -> {
              for (String f :
                  java.awt.GraphicsEnvironment.getLocalGraphicsEnvironment()
                      .getAvailableFontFamilyNames()) {
                if (new Font(f, Font.PLAIN, 16).canDisplay(c)) {
                  return f;
                }
              }
              return "";
            });
    // No installed font has it: the PNG shows a box, the text file stays exact.
    return family.isEmpty() ? font : new Font(family, font.getStyle(), font.getSize());
  }

  private static int scaledHeight(BufferedImage image, int maxWidth) {
    if (image.getWidth() <= maxWidth) {
      return image.getHeight();
    }
    return (int) Math.round(image.getHeight() * (double) maxWidth / image.getWidth());
  }

  /** Draws the receipt in black on white with a monospaced font (headless AWT). */
  static void toPng(List<Line> receipt, int columns, Path file) throws IOException {
    Font plain = new Font(Font.MONOSPACED, Font.PLAIN, 16);
    Font boldFont = plain.deriveFont(Font.BOLD);
    BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
    Graphics2D pg = probe.createGraphics();
    FontMetrics fm = pg.getFontMetrics(plain);
    pg.dispose();
    int cell = fm.charWidth('M');
    int lineHeight = fm.getHeight();
    int margin = 16;
    // A printed image (a ticket's QR code) is drawn dot for dot, never scaled by a fraction, which
    // would make its modules uneven: the picture is as wide as the widest image needs.
    int widest =
        receipt.stream()
            .filter(l -> l.image() != null)
            .mapToInt(l -> l.image().getWidth())
            .max()
            .orElse(0);
    int w = Math.max(columns * cell, widest) + 2 * margin;
    int body = 0;
    for (Line line : receipt) {
      body += line.image() == null ? lineHeight : scaledHeight(line.image(), w - 2 * margin);
    }
    int h = Math.max(lineHeight, body) + 2 * margin;
    BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    try {
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, w, h);
      g.setColor(Color.BLACK);
      int y = margin + fm.getAscent();
      for (Line line : receipt) {
        if (line.image() != null) {
          int maxW = w - 2 * margin;
          int ih = scaledHeight(line.image(), maxW);
          int iw = Math.min(maxW, line.image().getWidth());
          int x =
              switch (line.align()) {
                case LEFT -> margin;
                case CENTER -> margin + (maxW - iw) / 2;
                case RIGHT -> margin + maxW - iw;
              };
          g.drawImage(line.image(), x, y - fm.getAscent(), iw, ih, null);
          y += ih;
          continue;
        }
        int pad = Math.max(0, columns - width(line.text()));
        int col =
            switch (line.align()) {
              case LEFT -> 0;
              case CENTER -> pad / 2;
              case RIGHT -> pad;
            };
        for (Run run : line.runs()) {
          Font runFont = run.bold() ? boldFont : plain;
          for (int i = 0; i < run.text().length(); ) {
            int cp = run.text().codePointAt(i);
            i += Character.charCount(cp);
            g.setFont(displayable(runFont, cp));
            g.drawString(new String(Character.toChars(cp)), margin + col * cell, y);
            col += cellWidth(cp);
          }
        }
        y += lineHeight;
      }
    } finally {
      g.dispose();
    }
    if (!ImageIO.write(img, "png", file.toFile())) {
      throw new IOException("no PNG writer available");
    }
  }
}
