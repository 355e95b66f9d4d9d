package com.kippu.devices;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jpos.JposConst;
import jpos.JposException;

/**
 * Prints the face of the card in a kiosk's IC card unit: text lines and an optional image (S2 ¶24,
 * ¶39). Carried as SmartCardRW {@code directIO(DIO_PRINT_FACE, null, String[] {image, lines...})},
 * since JavaPOS has no card-printer category; see {@link CardStocker} for the command table.
 */
public final class CardFacePrinter {

  public static final int DIO_PRINT_FACE = 7105;

  /** Lines a face holds at most (ID-1 card, readable type size). */
  public static final int MAX_LINES = 9;

  private final IcCardReaderWriter reader;

  CardFacePrinter(IcCardReaderWriter reader) {
    this.reader = reader;
  }

  /**
   * Prints {@code lines} (the first as a title) and, when {@code image} is not null, that image
   * file (PNG, JPEG, GIF or BMP) on the card now in the reader. Lines are wrapped to the width
   * beside the image and the type is shrunk to fit the card; text that does not fit even at the
   * smallest readable size is refused with nothing printed (the simulated reader answers
   * JPOS_E_FAILURE naming the cause), so a card never carries a clipped seat or date.
   */
  public void print(List<String> lines, Path image) throws JposException {
    if (lines == null || lines.size() > MAX_LINES) {
      throw new JposException(
          JposConst.JPOS_E_ILLEGAL, "a card face holds 0.." + MAX_LINES + " lines");
    }
    List<String> payload = new ArrayList<>();
    payload.add(image == null ? "" : image.toAbsolutePath().toString());
    for (String line : lines) {
      payload.add(line == null ? "" : line);
    }
    reader.directIo(DIO_PRINT_FACE, new int[1], payload.toArray(String[]::new), "print the face");
  }
}
