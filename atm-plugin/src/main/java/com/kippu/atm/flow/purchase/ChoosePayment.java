package com.kippu.atm.flow.purchase;

import com.kippu.atm.center.EventTimes;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethod;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The customer picks how to pay (S1 ¶102, S38) among the methods this terminal can carry out (S1
 * ¶114-117); cancelling here ends the session and releases the hold.
 */
public final class ChoosePayment implements Step<PurchaseSession> {
  private final PaymentMethods methods;
  private final CustomerTerminal customer;
  private final ZoneId zone;

  public ChoosePayment(PaymentMethods methods, CustomerTerminal customer, ZoneId zone) {
    this.methods = methods;
    this.customer = customer;
    this.zone = zone;
  }

  @Override
  public String id() {
    return "choose-payment";
  }

  @Override
  public Outcome run(PurchaseSession session) {
    Reservation r = session.hold().granted();
    List<String> lines =
        List.of(
            r.title() + " at " + r.venue() + ", " + EventTimes.local(r.startsAt(), zone),
            r.seats().get(0).label()
                + (r.seats().size() > 1 ? " and " + (r.seats().size() - 1) + " more" : ""),
            "Amount " + r.amount() + ", reservation " + r.number(),
            "Seats held until " + EventTimes.local(r.expiresAt(), zone));
    List<PaymentMethod> offered = methods.offeredOn(session.terminal());
    List<Choice> choices = new ArrayList<>();
    offered.forEach(m -> choices.add(new Choice(m.id(), m.label(session))));
    choices.add(Screens.CANCEL);
    Answer answer =
        customer.show(Screens.ask("choose-payment", "How do you want to pay?", lines, choices));
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
}
