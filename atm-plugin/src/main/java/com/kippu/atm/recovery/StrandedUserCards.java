package com.kippu.atm.recovery;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.flow.kiosk.LinkUserCard;
import com.kippu.atm.flow.parts.KioskPart;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.parts.RegisteredPart;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.issuing.CardUnitException;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.TerminalProfile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * At start-up, before a stranded card is captured ({@link StrandedCards}): the card a kiosk session
 * fed from its stocker for a signed-in registered user, paid for, still in the transport and not
 * yet recorded under the user, is recorded now ({@link LinkUserCard}): the PIN is gone, so the
 * journaled grant of the sign-in stands in for it, and the card, still in the unit, answers the
 * center's challenge itself. The card is then captured and its sale finished as usual; the user
 * finds it under their user id (for staff to hand over, or to report lost). Journaled on the
 * session ({@code kiosk.cardRecorded}) so that it is done once.
 */
public final class StrandedUserCards {
  /** The journal state of a session whose card recovery recorded under its user. */
  public static final String RECORDED = "Recovery.card-recorded";

  private static final Logger LOG = Logger.getLogger(StrandedUserCards.class.getName());

  private StrandedUserCards() {}

  /** Records the card in the transport under the user of the open session it belongs to. */
  public static Optional<SessionId> record(
      Journal journal,
      CardUnit unit,
      IcCard card,
      LinkUserCard linker,
      TerminalProfile terminal,
      String flow) {
    try {
      if (!unit.hasStocker() || !unit.cardPresent()) {
        return Optional.empty();
      }
    } catch (CardUnitException e) {
      return Optional.empty();
    }
    for (SessionId id : journal.openSessions()) {
      List<JournalEntry> entries = journal.entries(id);
      JournalEntry last = entries.get(entries.size() - 1);
      KioskPart kiosk = KioskPart.from(last.facts());
      if (!last.flow().equals(flow) || !kiosk.fromStocker() || !kiosk.fed() || kiosk.cardGone()) {
        continue;
      }
      PurchaseSession s = PurchaseSession.restore(id, terminal, last.facts());
      Optional<CardId> sold = s.card().cardId();
      if (sold.isEmpty()
          || s.kiosk().user().user().isEmpty()
          || s.kiosk().user().isCardRecorded()
          || s.payment().id().isEmpty()) {
        return Optional.empty();
      }
      try {
        if (!card.readChip().cardId().equals(sold.get()) || !linker.link(s)) {
          return Optional.empty();
        }
      } catch (CenterException | CardException e) {
        LOG.warning(
            "card "
                + sold.get()
                + " of session "
                + id
                + " not recorded under its user: "
                + e.getMessage());
        return Optional.empty();
      }
      Map<String, String> facts = new TreeMap<>(last.facts());
      RegisteredPart.CARD_RECORDED.put(facts, true);
      journal.record(id, flow, RECORDED, facts);
      LOG.info("card " + sold.get() + " of session " + id + " recorded under its user");
      return Optional.of(id);
    }
    return Optional.empty();
  }
}
