package com.kippu.atm.flow.purchase;

import com.kippu.atm.card.ChipData;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.flow.FlowSession;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.atm.spi.TerminalProfile;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * State of one purchase session (F5 now; F6 shares it): what the customer chose, what the center
 * and the bank answered, and what reached the card. Steps fill it in order.
 */
public final class PurchaseSession implements FlowSession {
  private final SessionId id;
  private final TerminalProfile terminal;
  private ChipData chip;
  private EventSummary event;
  private List<Seat> seats = List.of();
  private int holdAttempts;
  private Reservation reservation;
  private Instant holdGrantedAt;
  private int paymentAttempts;
  private TransferRequest transfer;
  private TransferResult approval;
  private boolean moneyMayHaveMoved;
  private Ticket ticket;
  private String refusedTicket;
  private boolean ticketOnCard;
  private String receiptProblem = "";

  public PurchaseSession(SessionId id, TerminalProfile terminal) {
    this.id = id;
    this.terminal = terminal;
  }

  @Override
  public SessionId id() {
    return id;
  }

  public TerminalProfile terminal() {
    return terminal;
  }

  public ChipData chip() {
    return chip;
  }

  void chip(ChipData chip) {
    this.chip = chip;
  }

  public EventSummary event() {
    return event;
  }

  public List<Seat> seats() {
    return seats;
  }

  void choose(EventSummary event, List<Seat> seats) {
    this.event = event;
    this.seats = List.copyOf(seats);
  }

  /** A fresh request number per hold attempt; the center treats a repeat as the same request. */
  String nextRequestNumber() {
    holdAttempts++;
    return id.value() + "-H" + holdAttempts;
  }

  public Optional<Reservation> reservation() {
    return Optional.ofNullable(reservation);
  }

  void reservation(Reservation reservation, Instant grantedAt) {
    this.reservation = reservation;
    this.holdGrantedAt = grantedAt;
  }

  /** When the terminal received the current hold, by its own clock. */
  Optional<Instant> holdGrantedAt() {
    return Optional.ofNullable(holdGrantedAt);
  }

  String nextPaymentId() {
    paymentAttempts++;
    return id.value() + "-P" + paymentAttempts;
  }

  public Optional<TransferRequest> transfer() {
    return Optional.ofNullable(transfer);
  }

  public Optional<TransferResult> approval() {
    return Optional.ofNullable(approval);
  }

  /** A debit was requested and not yet known to be declined or reversed (STYLE ¶10). */
  public boolean moneyMayHaveMoved() {
    return moneyMayHaveMoved;
  }

  void debitRequested(TransferRequest transfer) {
    this.transfer = transfer;
    this.approval = null;
    this.moneyMayHaveMoved = true;
  }

  void debitApproved(TransferResult approval) {
    this.approval = approval;
  }

  void debitSettledWithoutMoney() {
    this.approval = null;
    this.moneyMayHaveMoved = false;
  }

  public Optional<Ticket> ticket() {
    return Optional.ofNullable(ticket);
  }

  void ticket(Ticket ticket) {
    this.ticket = ticket;
  }

  /**
   * The number of a ticket the center issued for this session's reservation but the terminal
   * refused because it does not match the session: the reservation is issued at the center, so it
   * can no longer be released, and the issuer must void the ticket.
   */
  public Optional<String> refusedTicket() {
    return Optional.ofNullable(refusedTicket);
  }

  void ticketRefused(String ticketNumber) {
    this.refusedTicket = ticketNumber;
  }

  public boolean ticketOnCard() {
    return ticketOnCard;
  }

  void ticketWritten() {
    this.ticketOnCard = true;
  }

  public String receiptProblem() {
    return receiptProblem;
  }

  void receiptProblem(String problem) {
    this.receiptProblem = problem;
  }

  @Override
  public Map<String, String> facts() {
    Map<String, String> facts = new TreeMap<>();
    facts.put("terminal", terminal.terminalId());
    if (chip != null) {
      facts.put("card", chip.cardId().value());
      facts.put("account", chip.account().masked());
    }
    if (event != null) {
      facts.put("event", event.eventId().value());
    }
    if (!seats.isEmpty()) {
      facts.put(
          "seats", seats.stream().map(s -> s.seatId().value()).collect(Collectors.joining(",")));
    }
    if (reservation != null) {
      facts.put("reservation", reservation.number().value());
      facts.put("amountYen", Long.toString(reservation.amount().yen()));
      facts.put("issuerAccount", reservation.issuerAccount().masked());
    }
    if (transfer != null) {
      facts.put("payment", transfer.transactionId());
      facts.put("moneyMayHaveMoved", Boolean.toString(moneyMayHaveMoved));
    }
    if (approval != null) {
      facts.put("stan", approval.stan());
      facts.put("rrn", approval.rrn());
      facts.put("approvalCode", approval.approvalCode());
      facts.put("paidAt", approval.transmittedAt().toString());
    }
    if (ticket != null) {
      facts.put("ticket", ticket.ticketNumber());
      facts.put("ticketOnCard", Boolean.toString(ticketOnCard));
    }
    if (refusedTicket != null) {
      facts.put("refusedTicket", refusedTicket);
    }
    if (!receiptProblem.isEmpty()) {
      facts.put("receiptProblem", receiptProblem);
    }
    return facts;
  }
}
