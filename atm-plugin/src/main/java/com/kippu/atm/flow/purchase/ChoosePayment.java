package com.kippu.atm.flow.purchase;

import com.kippu.atm.center.ProductQuote;
import com.kippu.atm.center.Quote;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethod;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import com.kippu.atm.spi.Text;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The customer picks how to pay (S1 ¶102, S38) among the methods this terminal can carry out (S1
 * ¶114-117), less those closed for the session (a card blocked by wrong PINs); cancelling here ends
 * the session and releases the hold. A direct purchase (F6) shows the issuer's quote instead.
 */
public final class ChoosePayment implements Step<PurchaseSession> {
  private final PaymentMethods methods;
  private final CustomerTerminal customer;
  private final ZoneId zone;
  private final Function<PurchaseSession, List<Text>> summary;

  public ChoosePayment(PaymentMethods methods, CustomerTerminal customer, ZoneId zone) {
    this.methods = methods;
    this.customer = customer;
    this.zone = zone;
    this.summary =
        session ->
            session
                .hold()
                .reservation()
                .map(this::reservationLines)
                .or(() -> session.hold().quote().map(this::quoteLines))
                .orElseGet(() -> productLines(session.hold().productQuote().orElseThrow()));
  }

  /** For what is paid without seats (a card recharge): {@code summary} says what is paid for. */
  public ChoosePayment(
      PaymentMethods methods,
      CustomerTerminal customer,
      Function<PurchaseSession, List<Text>> summary) {
    this.methods = methods;
    this.customer = customer;
    this.zone = ZoneId.of("UTC"); // shows no times: the summary says what is paid for
    this.summary = summary;
  }

  @Override
  public String id() {
    return "choose-payment";
  }

  @Override
  public Outcome run(PurchaseSession session) {
    List<Text> lines = summary.apply(session);
    List<PaymentMethod> offered =
        methods.offeredOn(session.terminal()).stream()
            .filter(m -> session.payment().open(m.id()) && m.usableIn(session))
            .toList();
    List<Choice> choices = new ArrayList<>();
    offered.forEach(m -> choices.add(new Choice(m.id(), m.label(session))));
    choices.add(Screens.CANCEL);
    Answer answer =
        customer.show(
            Screens.ask("choose-payment", Text.of("choose-payment.title"), lines, choices));
    return offered.stream()
        .filter(m -> answer.is(m.id()))
        .findFirst()
        .map(
            m -> {
              session.payment().choose(m.id());
              return Outcome.next();
            })
        .orElseGet(() -> Outcome.cancel("customer cancelled at payment choice"));
  }

  private List<Text> reservationLines(Reservation r) {
    return List.of(
        Text.of("choose-payment.event", r.title(), r.venue(), Screens.when(r.startsAt(), zone)),
        seats(r.seats()),
        Text.of("choose-payment.amount", r.amount(), r.number().value()),
        Text.of("choose-payment.held", Screens.when(r.expiresAt(), zone)));
  }

  /** F6: nothing is held yet; the seats are bought once paid. */
  private List<Text> quoteLines(Quote q) {
    return List.of(
        Text.of("choose-payment.event", q.title(), q.venue(), Screens.when(q.startsAt(), zone)),
        seats(q.seats()),
        Text.of("choose-payment.quoted", q.amount(), q.issuerName()),
        Text.of("choose-payment.direct"));
  }

  /** F7: a commuter pass or a prepaid card, sold once paid. */
  private List<Text> productLines(ProductQuote q) {
    List<Text> lines = new ArrayList<>();
    lines.add(Text.of("plain", q.name()));
    q.validFrom()
        .ifPresent(
            from -> lines.add(Text.of("choose-payment.valid", from, q.validUntil().orElseThrow())));
    lines.add(Text.of("choose-payment.quoted", q.amount(), q.issuerName()));
    return lines;
  }

  private static Text seats(List<ReservedSeat> seats) {
    return seats.size() > 1
        ? Text.of("choose-payment.seats", Screens.seat(seats.get(0)), seats.size() - 1)
        : Text.of("choose-payment.seat", Screens.seat(seats.get(0)));
  }
}
