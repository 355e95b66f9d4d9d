package com.kippu.simulator;

import com.kippu.devices.ChipData;
import com.kippu.devices.sim.CardImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The cards a kiosk's stocker is loaded with (S2 ¶24): blank IC cards that carry only their factory
 * card id, made once per branch under {@code stocker/}. A card whose face was printed has been
 * issued (or spoilt) and is never loaded again when the branch reopens.
 */
final class KioskStock {
  /** Blank cards a fresh kiosk is loaded with. */
  static final int BLANKS = 8;

  private KioskStock() {}

  /** The stocker's blank cards not yet issued, made on first use. */
  static List<Path> blankCards(Path dir) throws IOException {
    Path stocker = dir.resolve("stocker");
    if (!Files.isDirectory(stocker)) {
      Files.createDirectories(stocker);
      for (int n = 1; n <= BLANKS; n++) {
        String id = String.format("KB-%05d", n);
        CardImages.create(stocker.resolve(id + ".card"), new ChipData(id, "", "", 0));
      }
    }
    List<Path> unused = new ArrayList<>();
    try (Stream<Path> files = Files.list(stocker)) {
      files
          .filter(f -> f.getFileName().toString().matches("KB-\\d+\\.card"))
          .filter(f -> !Files.exists(f.resolveSibling(f.getFileName() + ".face.png")))
          .sorted()
          .forEach(unused::add);
    }
    return unused;
  }
}
