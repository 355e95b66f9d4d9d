package com.kippu.atm.flow.print;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.flow.parts.PurchaseSession;
import java.util.Optional;

/**
 * The one rule for a ticket whose printing was not confirmed: it may be out of the printer, whole
 * or in part, so it is never delivered again under its number. The center voids it and issues the
 * same seats under a new number ({@link IssuerCenter#replace}); the replacement is delivered
 * instead, printed again or written to the card. The live flow and recovery both come here.
 */
public final class TicketReplacement {
  private TicketReplacement() {}

  /**
   * Replaces the session's ticket and returns the replacement, now the session's ticket.
   *
   * @throws CenterException the center refused or could not be asked; the session still names the
   *     unconfirmed print, so recovery asks again (a repeat returns the same replacement)
   */
  public static Ticket replace(IssuerCenter center, PurchaseSession session, String reason)
      throws CenterException {
    String voided = session.ticket().number().orElseThrow();
    Ticket replacement = center.replace(voided, session.card().requiredCardId(), reason);
    Optional<String> reservation = session.hold().number().map(n -> n.value());
    if (reservation.isPresent()
        && !replacement.reservationNumber().value().equals(reservation.get())) {
      throw new CenterException(
          "BAD_ECHO",
          "replacement "
              + replacement.ticketNumber()
              + " of ticket "
              + voided
              + " names reservation "
              + replacement.reservationNumber());
    }
    session.ticket().replacedBy(replacement);
    return replacement;
  }
}
