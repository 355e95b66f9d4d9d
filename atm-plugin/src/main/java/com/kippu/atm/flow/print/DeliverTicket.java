package com.kippu.atm.flow.print;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.parts.TicketPart;
import com.kippu.atm.flow.parts.TicketPart.Delivery;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import com.kippu.atm.ticket.TicketPrintException;
import com.kippu.atm.ticket.TicketPrinter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Hands the paid ticket to the customer the way they chose: written to the card (F3, S1 ¶78) or
 * printed on the ticket printer (F2, S1 ¶62). A print is journaled as unconfirmed before it starts
 * ({@link TicketPart#PRINTING}); when it fails (paper out mid-ticket, printer offline) the ticket
 * may be out in part, so it is voided and replaced ({@link TicketReplacement}) — the replacement
 * journaled before anything else happens — and the customer chooses to have the replacement printed
 * again or written to the card. So a paid ticket is never lost, and never out twice as two valid
 * tickets. A replacement the center cannot give now leaves the session open for recovery.
 */
public final class DeliverTicket implements Step<PurchaseSession> {
  /** Prints tried before the ticket goes to the card whatever the customer says. */
  static final int PRINT_ATTEMPTS = 3;

  private static final Logger LOG = Logger.getLogger(DeliverTicket.class.getName());

  private final IcCard card;
  private final TicketCard tickets;
  private final Optional<TicketPrinter> printer;
  private final IssuerCenter center;
  private final CustomerTerminal customer;
  private final Journal journal;
  private final String flow;
  private final Clock clock;
  private final ZoneId zone;

  public DeliverTicket(
      IcCard card,
      TicketCard tickets,
      Optional<TicketPrinter> printer,
      IssuerCenter center,
      CustomerTerminal customer,
      Journal journal,
      String flow,
      Clock clock,
      ZoneId zone) {
    this.card = card;
    this.tickets = tickets;
    this.printer = printer;
    this.center = center;
    this.customer = customer;
    this.journal = journal;
    this.flow = flow;
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public String id() {
    return "deliver-ticket";
  }

  @Override
  public Outcome prepare(PurchaseSession session) {
    if (session.ticket().delivery() == Delivery.PRINT) {
      session.ticket().printing();
    }
    return Outcome.next();
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    if (session.ticket().delivery() == Delivery.CARD || printer.isEmpty()) {
      return toCard(session);
    }
    for (int attempt = 1; ; attempt++) {
      Ticket ticket = session.ticket().ticket().orElseThrow();
      try {
        printer
            .get()
            .print(
                TicketFaces.of(
                    ticket,
                    session.ticket().replaces().orElse(null),
                    session.terminal().terminalId(),
                    clock.instant(),
                    zone));
        session.ticket().printed();
        return Outcome.next();
      } catch (TicketPrintException e) {
        LOG.warning(
            "ticket " + ticket.ticketNumber() + " not confirmed printed: " + e.getMessage());
        boolean again = attempt < PRINT_ATTEMPTS && askPrintAgain(ticket);
        try {
          TicketReplacement.replace(center, session, "printing not confirmed: " + e.getMessage());
        } catch (CenterException refused) {
          return replacementPending(session, ticket, refused);
        }
        if (!again) {
          session.ticket().deliverBy(Delivery.CARD);
          journal.record(session.id(), flow, id() + ".replaced", session.facts());
          return toCard(session);
        }
        session.ticket().printing();
        journal.record(session.id(), flow, id() + ".replaced", session.facts());
      }
    }
  }

  private Outcome toCard(PurchaseSession session) throws Exception {
    tickets.write(
        card, session.card().requiredCardId(), session.ticket().ticket().orElseThrow().signed());
    session.ticket().written();
    return Outcome.next();
  }

  /** Tells the customer the print failed and is void; true when they want it printed again. */
  private boolean askPrintAgain(Ticket voided) {
    Answer answer =
        customer.show(
            Screens.ask(
                "ticket-print-failed",
                Text.of("ticket-print-failed.title"),
                List.of(
                    Text.of("ticket-print-failed.line", voided.ticketNumber()),
                    Text.of("ticket-print-failed.choose")),
                List.of(
                    new Choice(Delivery.CARD.id(), Text.of("ticket-print-failed.card")),
                    new Choice(Delivery.PRINT.id(), Text.of("ticket-print-failed.print")))));
    // A customer who walks away gets the ticket on the card the terminal still holds.
    return answer.is(Delivery.PRINT.id());
  }

  private Outcome replacementPending(PurchaseSession session, Ticket voided, CenterException e) {
    LOG.warning(
        "ticket "
            + voided.ticketNumber()
            + " could not be replaced now, left to recovery: "
            + e.getMessage());
    customer.inform(
        Screens.notice(
            "ticket-replacement-pending",
            Text.of("ticket-replacement-pending.title"),
            Text.of("ticket-replacement-pending.line", voided.ticketNumber()),
            Text.of("ticket-pending.later")));
    return Outcome.unsettled("ticket " + voided.ticketNumber() + " to be replaced: " + e);
  }
}
