package com.kippu.atm.recovery;

import com.kippu.atm.flow.parts.KioskPart;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.issuing.CardUnitException;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Logger;

/**
 * At start-up, before any customer and before the open sessions are recovered: a card a kiosk
 * session fed from its stocker and never handed out, still in the transport when the terminal
 * stopped, is captured into the bin and counted (S2 ¶24), so it never reaches the next customer.
 * The capture is journaled on the session ({@code kiosk.cardCaptured}); whatever was sold onto the
 * card stays sold and is kept for staff to reissue, and a payment that bought nothing is taken back
 * by recovery as usual.
 */
public final class StrandedCards {
  /** The journal state of a session whose stranded card recovery captured. */
  public static final String CAPTURED = "Recovery.card-captured";

  private static final Logger LOG = Logger.getLogger(StrandedCards.class.getName());

  private StrandedCards() {}

  /** Captures the card of the one open stocker session that may have left it; returns it. */
  public static List<SessionId> capture(Journal journal, CardUnit unit, String flow) {
    try {
      if (!unit.hasStocker() || !unit.cardPresent()) {
        return List.of();
      }
    } catch (CardUnitException e) {
      LOG.warning("cannot tell whether a card is left in the transport: " + e.getMessage());
      return List.of();
    }
    for (SessionId id : journal.openSessions()) {
      List<JournalEntry> entries = journal.entries(id);
      JournalEntry last = entries.get(entries.size() - 1);
      KioskPart kiosk = KioskPart.from(last.facts());
      if (!last.flow().equals(flow) || !kiosk.fromStocker() || !kiosk.fed() || kiosk.cardGone()) {
        continue;
      }
      try {
        unit.capture();
      } catch (CardUnitException e) {
        LOG.severe("card of session " + id + " left in the transport: " + e.getMessage());
        return List.of();
      }
      Map<String, String> facts = new TreeMap<>(last.facts());
      KioskPart.CAPTURED.put(facts, true);
      journal.record(id, flow, CAPTURED, facts);
      LOG.warning(
          "card "
              + facts.getOrDefault("card", "(unread)")
              + " of session "
              + id
              + " was left in the transport when the terminal stopped: captured");
      return List.of(id);
    }
    return List.of();
  }
}
