package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.Quote;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.Text;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/** What a kiosk purchase is about, as the confirmation and the payment choice show it. */
final class Summaries {
  private final ZoneId zone;

  Summaries(ZoneId zone) {
    this.zone = zone;
  }

  List<Text> of(PurchaseSession session) {
    Quote q = session.hold().quote().orElseThrow();
    List<Text> lines = new ArrayList<>();
    lines.add(Text.of("card-type." + session.kiosk().cardType().orElseThrow().name()));
    lines.add(
        Text.of("choose-payment.event", q.title(), q.venue(), Screens.when(q.startsAt(), zone)));
    for (ReservedSeat s : q.seats()) {
      lines.add(Text.of("choose-payment.seat", Screens.seat(s)));
    }
    lines.add(Text.of("choose-payment.quoted", q.amount(), q.issuerName()));
    return lines;
  }
}
