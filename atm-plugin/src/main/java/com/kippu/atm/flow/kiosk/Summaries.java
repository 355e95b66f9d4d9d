package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.ProductQuote;
import com.kippu.atm.center.Quote;
import com.kippu.atm.center.RailSection;
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
    if (session.hold().productQuote().isPresent()) {
      return product(session);
    }
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

  /** A commuter pass: section, holder, class and days; a prepaid card: its value. */
  private static List<Text> product(PurchaseSession session) {
    ProductQuote q = session.hold().productQuote().orElseThrow();
    List<Text> lines = new ArrayList<>();
    lines.add(Text.of("card-type." + q.cardType().name()));
    lines.add(Text.plain(q.name()));
    if (q.section().isPresent()) {
      RailSection s = q.section().get();
      lines.add(Text.of("pass.section", s.line(), s.fromStation(), s.toStation()));
      session.kiosk().holder().ifPresent(h -> lines.add(Text.of("pass.holder", h.name())));
      lines.add(Text.of("pass.fare-class", Text.of("fare-class." + q.fareClass().name())));
      lines.add(
          Text.of(
              "choose-payment.valid", q.validFrom().orElseThrow(), q.validUntil().orElseThrow()));
    }
    if (q.value().yen() > 0) {
      lines.add(Text.of("prepaid.value", q.value()));
    }
    lines.add(Text.of("choose-payment.quoted", q.amount(), q.issuerName()));
    return lines;
  }
}
