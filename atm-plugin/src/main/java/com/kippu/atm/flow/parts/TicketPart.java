package com.kippu.atm.flow.parts;

import com.kippu.atm.center.Ticket;
import com.kippu.atm.flow.Fact;
import java.util.Map;
import java.util.Optional;

/**
 * The ticket the issuer issued for the session, whether it reached the card, and a ticket the
 * terminal refused because it does not match the session (the issuer must void it).
 */
public final class TicketPart {
  public static final Fact<String> TICKET = Fact.text("ticket");
  public static final Fact<Boolean> ON_CARD = Fact.flag("ticketOnCard");
  public static final Fact<String> REFUSED = Fact.text("refusedTicket");
  public static final Fact<String> RECEIPT_PROBLEM = Fact.text("receiptProblem");

  private Ticket ticket;
  private String number;
  private boolean onCard;
  private String refused;
  private String receiptProblem = "";

  public void issued(Ticket ticket) {
    this.ticket = ticket;
    this.number = ticket.ticketNumber();
  }

  /** The ticket as issued in this session; absent in a restored session. */
  public Optional<Ticket> ticket() {
    return Optional.ofNullable(ticket);
  }

  /** The number of the issued ticket, also in a restored session. */
  public Optional<String> number() {
    return Optional.ofNullable(number);
  }

  public boolean onCard() {
    return onCard;
  }

  public void written() {
    this.onCard = true;
  }

  /**
   * The number of a ticket the center issued for this session's reservation but the terminal
   * refused: the reservation is issued at the center, so it can no longer be released.
   */
  public Optional<String> refused() {
    return Optional.ofNullable(refused);
  }

  public void refuse(String ticketNumber) {
    this.refused = ticketNumber;
  }

  public String receiptProblem() {
    return receiptProblem;
  }

  public void receiptProblem(String problem) {
    this.receiptProblem = problem;
  }

  public void writeTo(Map<String, String> facts) {
    if (number != null) {
      TICKET.put(facts, number);
      ON_CARD.put(facts, onCard);
    }
    REFUSED.put(facts, refused);
    if (!receiptProblem.isEmpty()) {
      RECEIPT_PROBLEM.put(facts, receiptProblem);
    }
  }

  public static TicketPart from(Map<String, String> facts) {
    TicketPart part = new TicketPart();
    part.number = TICKET.in(facts).orElse(null);
    part.onCard = ON_CARD.in(facts).orElse(false);
    part.refused = REFUSED.in(facts).orElse(null);
    return part;
  }
}
