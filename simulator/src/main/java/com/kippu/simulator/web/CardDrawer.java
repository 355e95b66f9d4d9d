package com.kippu.simulator.web;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.devices.sim.CardFaceImages;
import com.kippu.devices.sim.CardImages;
import com.kippu.simulator.Branch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The branch's IC cards as the page offers them: the customers' own cards and the cards a kiosk
 * issued from its stocker (each with the face its printer made, {@code <card>.face.png} beside the
 * card file). The page names a card by its id only; the file is found by listing the branch's own
 * card folders, so no path ever comes from the page.
 */
final class CardDrawer {
  private static final Pattern CARD_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,31}");
  private static final Pattern ISSUED = Pattern.compile("(KB|PV)-\\d+\\.card");

  /** A card of the branch: its id, who holds it, its file and whether a face was printed on it. */
  record Card(String cardId, String label, Path file, Optional<Branch.Customer> holder) {
    Path face() {
      return file.resolveSibling(file.getFileName() + ".face.png");
    }

    boolean hasFace() {
      return Files.isRegularFile(face());
    }

    /** Whether the page can show a face: one printed, or a customer's bank card drawn. */
    boolean showsFace() {
      return hasFace() || holder.isPresent();
    }
  }

  private CardDrawer() {}

  /** The customers' cards, then the cards the kiosk issued (those whose face was printed). */
  static List<Card> cards(Branch branch) {
    List<Card> cards = new ArrayList<>();
    for (Branch.Customer c : Branch.CUSTOMERS) {
      cards.add(
          new Card(
              c.cardId(),
              c.name() + " — " + c.cardId() + " (account " + c.account().masked() + ")",
              branch.cardFile(c),
              Optional.of(c)));
    }
    Path stocker = branch.dir().resolve("stocker");
    for (Path folder : List.of(stocker, stocker.resolve("prepaid"))) {
      for (Path file : issued(folder)) {
        String id = file.getFileName().toString().replace(".card", "");
        cards.add(new Card(id, id + " (issued at the kiosk)", file, Optional.empty()));
      }
    }
    return cards;
  }

  private static List<Path> issued(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files
          .filter(f -> ISSUED.matcher(f.getFileName().toString()).matches())
          .filter(f -> Files.isRegularFile(f.resolveSibling(f.getFileName() + ".face.png")))
          .sorted()
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /** The card the page named; a name that is no card id, or no card of this branch, is refused. */
  static Card find(Branch branch, String cardId) throws WebRefusal {
    if (!CARD_ID.matcher(cardId).matches()) {
      throw new WebRefusal(400, "'" + printable(cardId) + "' is not a card id.");
    }
    return cards(branch).stream()
        .filter(c -> c.cardId().equals(cardId))
        .findFirst()
        .orElseThrow(
            () -> new WebRefusal(404, "There is no card '" + cardId + "' in this branch."));
  }

  /** The decoded contents of a card, its account masked and the branch's folders left out. */
  static String contents(Branch branch, String cardId) throws WebRefusal {
    Card card = find(branch, cardId);
    try {
      String dump = CardImages.dump(card.file());
      StringBuilder out = new StringBuilder();
      for (String line : dump.lines().toList()) {
        if (line.startsWith("card image")) {
          continue;
        }
        if (line.startsWith("account ")) {
          line = "account        " + masked(line.substring("account ".length()).trim());
        }
        out.append(line).append('\n');
      }
      if (card.hasFace()) {
        out.append("face           printed by the kiosk's card printer\n");
      } else if (card.holder().isPresent()) {
        out.append("face           the bank's own card: drawn from what its chip holds\n");
      }
      return out.toString();
    } catch (IOException e) {
      throw new WebRefusal(500, "The card " + cardId + " could not be read: " + e.getMessage());
    }
  }

  /**
   * The face of a card, as PNG bytes: the one the kiosk printed, or for a customer's own bank card
   * (whose face the bank's card vendor prints) one drawn from its chip: bank, kind of card, holder,
   * account masked, card id.
   */
  static byte[] face(Branch branch, String cardId) throws WebRefusal {
    Card card = find(branch, cardId);
    if (!card.hasFace() && card.holder().isPresent()) {
      Branch.Customer c = card.holder().get();
      try {
        return CardFaceImages.png(
            List.of(
                "KIPPU BANK  キャッシュカード",
                c.name(),
                "口座 " + c.account().masked(),
                "IC " + c.cardId()));
      } catch (IOException e) {
        throw new WebRefusal(500, "The face of card " + cardId + " could not be drawn.");
      }
    }
    if (!card.hasFace()) {
      throw new WebRefusal(
          404, "Card " + cardId + " has no printed face: only cards a kiosk issued have one.");
    }
    try {
      return Files.readAllBytes(card.face());
    } catch (IOException e) {
      throw new WebRefusal(500, "The face of card " + cardId + " could not be read.");
    }
  }

  private static String masked(String account) {
    if (account.isEmpty()) {
      return "(none)";
    }
    try {
      return new AccountNumber(account).masked();
    } catch (IllegalArgumentException e) {
      return "****";
    }
  }

  /** What the page sent, safe to echo: printable characters only, and not too many. */
  private static String printable(String text) {
    String shown = text.replaceAll("[^\\x20-\\x7E]", "?");
    return shown.length() > 40 ? shown.substring(0, 40) + "…" : shown;
  }
}
