package com.kippu.atm.flow.purchase;

import com.kippu.atm.center.EventTimes;
import com.kippu.atm.center.ProductQuote;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.receipt.ReceiptException;
import com.kippu.atm.receipt.ReceiptPrinter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Prints the customer's receipt. A printer fault does not undo a paid and issued ticket: the
 * problem is journaled and the session completes.
 */
public final class PrintReceipt implements Step<PurchaseSession> {
  private final ReceiptPrinter printer;
  private final PaymentMethods methods;
  private final Clock clock;
  private final ZoneId zone;

  public PrintReceipt(ReceiptPrinter printer, PaymentMethods methods, Clock clock, ZoneId zone) {
    this.printer = printer;
    this.methods = methods;
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public String id() {
    return "print-receipt";
  }

  @Override
  public Outcome run(PurchaseSession session) {
    try {
      printer.print(lines(session));
    } catch (ReceiptException e) {
      session.ticket().receiptProblem(e.getMessage());
    }
    return Outcome.next();
  }

  /**
   * Prints the slip of a paid session whose ticket the center has not confirmed: the customer's
   * proof of payment until recovery issues the ticket or takes the payment back.
   */
  public void printPending(PurchaseSession session) {
    List<String> lines = new ArrayList<>(header(session));
    lines.add("PAYMENT TAKEN - TICKET PENDING");
    lines.add("TOTAL            " + session.hold().amount().orElseThrow());
    lines.addAll(methods.get(session.payment().method().orElseThrow()).receiptLines(session));
    lines.add(
        (session.hold().number().isPresent() ? "RESERVATION " : "PURCHASE ")
            + session.hold().reference());
    lines.add("YOUR TICKET IS WRITTEN TO CARD " + session.card().requiredCardId());
    lines.add("WHEN YOU NEXT INSERT IT HERE;");
    lines.add("IF IT CANNOT BE ISSUED, THE");
    lines.add("PAYMENT IS RETURNED TO YOU.");
    lines.add("----------------------------------------");
    lines.add("KEEP THIS RECEIPT");
    try {
      printer.print(lines);
    } catch (ReceiptException e) {
      session.ticket().receiptProblem(e.getMessage());
    }
  }

  private List<String> header(PurchaseSession session) {
    return List.of(
        "KIPPU TICKET SERVICE",
        EventTimes.localToSecond(clock.instant(), zone)
            + "  TERM "
            + session.terminal().terminalId(),
        "----------------------------------------");
  }

  List<String> lines(PurchaseSession session) {
    if (session.ticket().ticket().isEmpty() && session.hold().productQuote().isPresent()) {
      return productLines(session);
    }
    Ticket t = session.ticket().ticket().orElseThrow();
    List<String> lines = new ArrayList<>(header(session));
    lines.add(t.title());
    lines.add(t.venue() + "  " + EventTimes.local(t.startsAt(), zone));
    for (ReservedSeat s : t.seats()) {
      lines.add("  " + s.label() + "  " + s.price());
    }
    lines.add("TOTAL            " + t.payment().amount());
    lines.add("----------------------------------------");
    lines.addAll(methods.get(session.payment().method().orElseThrow()).receiptLines(session));
    lines.add("RESERVATION " + t.reservationNumber());
    lines.add("TICKET " + t.ticketNumber() + "  ISSUE NO " + t.issueNumber());
    lines.add("ISSUER " + t.issuerName());
    lines.add(
        session.ticket().onCard()
            ? "TICKET WRITTEN TO IC CARD " + session.card().requiredCardId()
            : session.ticket().isPrinted()
                ? "TICKET PRINTED SEPARATELY"
                : "TICKET NOT ON CARD - ASK STAFF");
    cardKept(session, lines);
    lines.add("----------------------------------------");
    lines.add("KEEP THIS RECEIPT");
    return lines;
  }

  /** A kiosk card the customer did not take is in the machine's capture bin (F7). */
  private static void cardKept(PurchaseSession session, List<String> lines) {
    if (session.kiosk().isCaptured()) {
      lines.add("CARD KEPT BY THE MACHINE - ASK STAFF");
    }
  }

  /** A product sold onto a card without a seat (F7): a commuter pass, a prepaid card. */
  private List<String> productLines(PurchaseSession session) {
    ProductQuote q = session.hold().productQuote().orElseThrow();
    List<String> lines = new ArrayList<>(header(session));
    lines.add(q.name());
    q.section()
        .ifPresent(
            s -> {
              lines.add(s.line() + "  " + s.fromStation() + "-" + s.toStation());
              lines.add(
                  "VALID "
                      + q.validFrom().orElseThrow()
                      + " TO "
                      + q.validUntil().orElseThrow()
                      + "  "
                      + q.fareClass());
            });
    if (q.value().yen() > 0) {
      lines.add("VALUE            " + q.value());
    }
    lines.add("TOTAL            " + q.amount());
    lines.add("----------------------------------------");
    lines.addAll(methods.get(session.payment().method().orElseThrow()).receiptLines(session));
    lines.add(
        switch (q.cardType()) {
          case COMMUTER_PASS -> "PASS " + session.ticket().soldItem().orElse("-");
          case PREPAID -> "ACTIVATION " + session.ticket().soldItem().orElse("-");
          case EVENT_TICKET -> "SALE " + session.hold().reference();
        });
    lines.add("ISSUER " + q.issuerName());
    lines.add(
        session.kiosk().passOnCard()
            ? "PASS WRITTEN TO IC CARD " + session.card().requiredCardId()
            : "IC CARD " + session.card().requiredCardId());
    cardKept(session, lines);
    lines.add("----------------------------------------");
    lines.add("KEEP THIS RECEIPT");
    return lines;
  }
}
