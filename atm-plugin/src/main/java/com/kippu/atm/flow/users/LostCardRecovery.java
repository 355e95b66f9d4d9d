package com.kippu.atm.flow.users;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.CardReissue;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.flow.pay.PurseLoad;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.issuing.CardUnitException;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.TerminalProfile;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Finishes the lost-card sessions (F9) a crash left open, from what the journal says and what is in
 * the card unit's transport (a kiosk's motorised unit keeps its card through a power loss). The
 * reissue is once per lost card at the center and idempotent onto the same new card, and every
 * write to the card skips what is there: so a session whose new card is in the transport is asked
 * again (the card's answer stands in for the PIN, which the terminal never kept), written up to
 * what is missing and presented; nothing is reissued twice and nothing is lost. A session whose
 * reissue the center never recorded ends with its blank card captured (the loss stands; the user
 * can have the contents reissued at any kiosk); one whose new card is not in the transport, or
 * whose center does not answer, stays open for the next start and for staff.
 */
public final class LostCardRecovery {
  public static final String RECOVERED = "RECOVERED";

  private static final Logger LOG = Logger.getLogger(LostCardRecovery.class.getName());

  private final Journal journal;
  private final UserCenter center;
  private final IcCard card;
  private final TicketCard tickets;
  private final CardUnit unit;
  private final TerminalProfile terminal;
  private final Clock clock;
  private final Duration presentTimeout;
  private final Optional<PurseLoad> purse;

  public LostCardRecovery(
      Journal journal,
      UserCenter center,
      IcCard card,
      TicketCard tickets,
      CardUnit unit,
      TerminalProfile terminal,
      Clock clock,
      Duration presentTimeout,
      Optional<PurseLoad> purse) {
    this.purse = purse;
    this.journal = journal;
    this.center = center;
    this.card = card;
    this.tickets = tickets;
    this.unit = unit;
    this.terminal = terminal;
    this.clock = clock;
    this.presentTimeout = presentTimeout;
  }

  /**
   * Recovers every open F9 session, oldest first; {@code atStartUp}: no customer's card can be in
   * the transport, so a card there that no session names is a fed blank, and is captured.
   */
  public List<String> run(boolean atStartUp) {
    List<String> done = new ArrayList<>();
    for (SessionId id : journal.openSessions()) {
      List<JournalEntry> entries = journal.entries(id);
      JournalEntry last = entries.get(entries.size() - 1);
      if (!LostCardFlow.NAME.equals(last.flow())) {
        continue;
      }
      UserSession s = UserSession.restore(id, terminal, last.facts());
      if (s.newCard().isEmpty() && !atStartUp) {
        continue;
      }
      Optional<FlowRunner.Result> r = recover(s);
      r.ifPresent(result -> done.add(id + " " + result.state() + " " + result.reason()));
    }
    return done;
  }

  /** Finishes one session now (its new card in the transport); empty when it must wait. */
  public Optional<FlowRunner.Result> finish(SessionId id) {
    List<JournalEntry> entries = journal.entries(id);
    JournalEntry last = entries.get(entries.size() - 1);
    return recover(UserSession.restore(id, terminal, last.facts()));
  }

  private Optional<FlowRunner.Result> recover(UserSession s) {
    try {
      Optional<CardId> inTransport = inTransport();
      if (s.newCard().isEmpty()) {
        // Crashed before the fed card was read: no reissue was asked for onto any card.
        if (inTransport.isPresent()) {
          unit.capture();
        }
        return Optional.of(end(s, "nothing was reissued; the loss stands", "CAPTURED"));
      }
      CardId newCard = s.newCard().get();
      if (inTransport.isEmpty() || !inTransport.get().equals(newCard)) {
        if (s.get(UserSession.NEW_CARD_WRITTEN).orElse(false)) {
          // Written in full before the crash, then presented: it left the unit.
          return Optional.of(end(s, "the new card was written and left the unit", "OUT"));
        }
        LOG.warning(
            "lost-card session " + s.id() + ": new card " + newCard + " is not in the transport");
        return Optional.empty();
      }
      CardReissue done;
      try {
        done =
            ReissueOntoNewCard.ask(
                center, card, s.requiredUser(), Optional.empty(), s.lostCard(), newCard);
      } catch (CenterException e) {
        if (e.outcomeUnknown()) {
          LOG.warning("lost-card session " + s.id() + " waits for the center: " + e.getMessage());
          return Optional.empty();
        }
        // The center never recorded a reissue onto this card: it goes back, blank.
        unit.capture();
        return Optional.of(
            end(s, "the center had not reissued (" + e.code() + "); the loss stands", "CAPTURED"));
      }
      s.reissued(done);
      WriteNewCard.write(card, tickets, clock, s.requiredUser(), s.lostCard(), done, purse);
      s.put(UserSession.NEW_CARD_WRITTEN, true);
      String ending = unit.eject(presentTimeout).name();
      return Optional.of(end(s, "reissue finished by recovery", ending));
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      LOG.warning("lost-card session " + s.id() + " not recovered now: " + e);
      return Optional.empty();
    }
  }

  private Optional<CardId> inTransport() throws CardUnitException {
    if (!unit.cardPresent()) {
      return Optional.empty();
    }
    try {
      return Optional.of(card.readChip().cardId());
    } catch (CardException e) {
      return Optional.empty();
    }
  }

  private FlowRunner.Result end(UserSession s, String reason, String cardEnd) {
    s.put(UserSession.NEW_CARD_END, cardEnd);
    var facts = s.facts();
    facts.put("reason", reason);
    journal.record(s.id(), LostCardFlow.NAME, RECOVERED, facts);
    LOG.info("recovered lost-card session " + s.id() + ": " + reason);
    return new FlowRunner.Result(
        s.get(UserSession.NEW_CARD_WRITTEN).orElse(false)
            ? FlowRunner.COMPLETED
            : FlowRunner.CANCELLED,
        reason);
  }
}
