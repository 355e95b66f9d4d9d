package com.kippu.atm.flow.purchase;

import com.kippu.atm.center.EventTimes;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Screen.Choice;
import java.time.ZoneId;
import java.util.List;

/**
 * The customer picks how to pay (S1 ¶102, S38). Only methods this terminal can carry out are
 * offered; cancelling here ends the session and releases the hold.
 */
public final class ChoosePayment implements Step<PurchaseSession> {
  static final String TRANSFER = "transfer";

  private final CustomerTerminal customer;
  private final ZoneId zone;

  public ChoosePayment(CustomerTerminal customer, ZoneId zone) {
    this.customer = customer;
    this.zone = zone;
  }

  @Override
  public Outcome run(PurchaseSession session) {
    Reservation r = session.reservation().orElseThrow();
    List<String> lines =
        List.of(
            r.title() + " at " + r.venue() + ", " + EventTimes.local(r.startsAt(), zone),
            r.seats().get(0).label()
                + (r.seats().size() > 1 ? " and " + (r.seats().size() - 1) + " more" : ""),
            "Amount " + r.amount() + ", reservation " + r.number(),
            "Seats held until " + EventTimes.local(r.expiresAt(), zone));
    List<Choice> choices =
        List.of(
            new Choice(TRANSFER, "Account transfer from " + session.chip().account().masked()),
            Screens.CANCEL);
    Answer answer =
        customer.show(Screens.ask("choose-payment", "How do you want to pay?", lines, choices));
    if (!answer.is(TRANSFER)) {
      return Outcome.cancel("customer cancelled at payment choice");
    }
    return Outcome.next();
  }
}
