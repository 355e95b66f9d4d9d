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

  /** How the customer takes the ticket: {@code card} or {@code print} (F2/F3, F6). */
  public static final Fact<String> DELIVERY = Fact.text("delivery");

  /**
   * A ticket sent to the printer whose printing is not confirmed: it may be out, whole or in part,
   * so it is never delivered again under this number; it is replaced (voided and reissued) first.
   */
  public static final Fact<String> PRINTING = Fact.text("ticketPrinting");

  public static final Fact<Boolean> PRINTED = Fact.flag("ticketPrinted");

  /**
   * What the payment bought when it is not a ticket: a commuter pass's number or a prepaid card's
   * activation (F7). Like a ticket number, it means the payment stands.
   */
  public static final Fact<String> SOLD = Fact.text("sold");

  /**
   * The issuer application (AID and version) being installed on the card (F11), journaled before
   * the install: after a crash the card says whether it is there.
   */
  public static final Fact<String> INSTALLING = Fact.text("installing");

  /** The voided ticket the current one replaces; fetched again by replacing that one. */
  public static final Fact<String> REPLACES = Fact.text("replacesTicket");

  /** How a ticket reaches the customer. */
  public enum Delivery {
    CARD,
    PRINT;

    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Optional<Delivery> of(String id) {
      for (Delivery d : values()) {
        if (d.id().equals(id)) {
          return Optional.of(d);
        }
      }
      return Optional.empty();
    }
  }

  private Ticket ticket;
  private String number;
  private boolean onCard;
  private String refused;
  private String receiptProblem = "";
  private Delivery delivery;
  private String printing;
  private boolean printed;
  private String replaces;
  private String sold;
  private String installing;

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

  /** The payment bought {@code item} (a pass number, a prepaid activation), not a ticket. */
  public void sold(String item) {
    this.sold = item;
  }

  /** The application {@code aidAndVersion} is about to be installed on the card. */
  public void installing(String aidAndVersion) {
    this.installing = aidAndVersion;
  }

  /** The application being installed, as "AID:version", also in a restored session. */
  public Optional<String> installing() {
    return Optional.ofNullable(installing);
  }

  /** What the payment bought when it is not a ticket, also in a restored session. */
  public Optional<String> soldItem() {
    return Optional.ofNullable(sold);
  }

  /**
   * Whether the payment bought something the center issued (a ticket, a pass, an activation): it
   * stands, and is never taken back.
   */
  public boolean bought() {
    return number != null || sold != null;
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

  public void deliverBy(Delivery delivery) {
    this.delivery = delivery;
  }

  /** How the ticket reaches the customer; on the card unless the customer chose a print. */
  public Delivery delivery() {
    return delivery == null ? Delivery.CARD : delivery;
  }

  /** The ticket is about to be sent to the printer; journaled before it is. */
  public void printing() {
    this.printing = number;
  }

  /** The number of a ticket sent to the printer whose printing is not confirmed. */
  public Optional<String> unconfirmedPrint() {
    return Optional.ofNullable(printing);
  }

  public void printed() {
    this.printed = true;
    this.printing = null;
  }

  public boolean isPrinted() {
    return printed;
  }

  /** {@code replacement} replaces the current ticket, which the center voided. */
  public void replacedBy(Ticket replacement) {
    this.replaces = number;
    this.ticket = replacement;
    this.number = replacement.ticketNumber();
    this.printing = null;
  }

  public Optional<String> replaces() {
    return Optional.ofNullable(replaces);
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
    DELIVERY.put(facts, delivery == null ? null : delivery.id());
    PRINTING.put(facts, printing);
    if (printed) {
      PRINTED.put(facts, true);
    }
    REPLACES.put(facts, replaces);
    SOLD.put(facts, sold);
    INSTALLING.put(facts, installing);
  }

  public static TicketPart from(Map<String, String> facts) {
    TicketPart part = new TicketPart();
    part.number = TICKET.in(facts).orElse(null);
    part.onCard = ON_CARD.in(facts).orElse(false);
    part.refused = REFUSED.in(facts).orElse(null);
    part.delivery = DELIVERY.in(facts).flatMap(Delivery::of).orElse(null);
    part.printing = PRINTING.in(facts).orElse(null);
    part.printed = PRINTED.in(facts).orElse(false);
    part.replaces = REPLACES.in(facts).orElse(null);
    part.sold = SOLD.in(facts).orElse(null);
    part.installing = INSTALLING.in(facts).orElse(null);
    return part;
  }
}
