package com.kippu.devices.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A card face drawn as the simulated card printer draws one, for a card no kiosk printed: a bank's
 * own IC cash card, whose face its card vendor prints, shown to a tester from what its chip holds.
 */
public final class CardFaceImages {
  private CardFaceImages() {}

  /**
   * The face with {@code lines} (the first as its title) as PNG bytes.
   *
   * @throws IOException when the text cannot be drawn (no font has a character, or it does not fit)
   */
  public static byte[] png(List<String> lines) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (!ImageIO.write(CardFaceRenderer.draw(lines, null), "png", out)) {
      throw new IOException("no PNG writer available");
    }
    return out.toByteArray();
  }
}
