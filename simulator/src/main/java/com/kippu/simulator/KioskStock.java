package com.kippu.simulator;

import com.kippu.devices.ChipData;
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
  /** The hopper of blank cards. */
  static final int BLANK_HOPPER = 0;

  /** Blank cards a fresh kiosk is loaded with. */
  static final int BLANKS = 8;

  /** The hopper of pre-valued prepaid cards, and how many a fresh kiosk holds. */
  static final int PREPAID_HOPPER = 1;

  static final int PRE_VALUED = 6;

  private KioskStock() {}

  /** The stocker's blank cards not yet issued, made on first use. */
  static List<Path> blankCards(Branch branch) throws IOException {
    Path stocker = branch.dir().resolve("stocker");
    if (!Files.isDirectory(stocker)) {
      Files.createDirectories(stocker);
      for (int n = 1; n <= BLANKS; n++) {
        String id = String.format("KB-%05d", n);
        branch.personaliseCard(stocker.resolve(id + ".card"), new ChipData(id, "", "", 0));
      }
    }
    return unissued(stocker, "KB-\\d+\\.card");
  }

  /**
   * The pre-valued prepaid cards (S2 ¶41) of the kiosk's hopper not yet issued, made on first use:
   * each chip carries the card's value from its maker, and its id is registered with the issuer.
   */
  static List<Path> preValuedCards(Branch branch) throws IOException {
    Path hopper = branch.dir().resolve("stocker").resolve("prepaid");
    if (!Files.isDirectory(hopper)) {
      Files.createDirectories(hopper);
      for (String id : KioskIssuers.PREPAID_CARDS.subList(0, PRE_VALUED)) {
        preValued(branch, hopper.resolve(id + ".card"), id);
      }
    }
    return unissued(hopper, "PV-\\d+\\.card");
  }

  /**
   * A pre-valued card of the prepaid issuer: its id and value on the chip, personalised by the
   * center's card bureau like every card (its own keys, handed only to certified terminals).
   */
  static Path preValued(Branch branch, Path file, String cardId) throws IOException {
    return branch.personaliseCard(file, new ChipData(cardId, "", "", KioskIssuers.PREPAID_VALUE));
  }

  private static List<Path> unissued(Path folder, String names) throws IOException {
    List<Path> unused = new ArrayList<>();
    try (Stream<Path> files = Files.list(folder)) {
      files
          .filter(f -> f.getFileName().toString().matches(names))
          .filter(f -> !Files.exists(f.resolveSibling(f.getFileName() + ".face.png")))
          .sorted()
          .forEach(unused::add);
    }
    return unused;
  }
}
