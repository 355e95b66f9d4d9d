package com.kippu.atm.flow.kiosk;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.KioskCenter;
import com.kippu.atm.center.ProductQuote;
import com.kippu.atm.center.Quote;
import com.kippu.atm.center.RailSection;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.parts.RegisteredPart;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.issuing.CardFace;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.Text;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What the face of a kiosk card shows (S2 ¶24, ¶28): for an event ticket the title, artist, date,
 * venue and seat with the event's art ("深田聖子のコンサート/01年02月25日14:00/横浜アリーナ/S-502" and the artist's
 * picture). Text is rendered in the terminal's language; the issuer's own words (titles, names) are
 * printed as the issuer wrote them.
 */
public final class CardFaces {
  private static final Logger LOG = Logger.getLogger(CardFaces.class.getName());

  private final KioskCenter center;
  private final Messages messages;
  private final ZoneId zone;

  CardFaces(KioskCenter center, Messages messages, ZoneId zone) {
    this.center = center;
    this.messages = messages;
    this.zone = zone;
  }

  CardFace of(PurchaseSession session) {
    return switch (session.kiosk().cardType().orElseThrow()) {
      case EVENT_TICKET -> eventFace(session);
      case COMMUTER_PASS -> passFace(session);
      case PREPAID -> prepaidFace(session);
    };
  }

  private CardFace eventFace(PurchaseSession session) {
    Quote q = session.hold().quote().orElseThrow();
    List<String> lines = new ArrayList<>();
    lines.add(q.title());
    if (session.hold().event() != null) {
      lines.add(session.hold().event().artist());
    }
    lines.add(render(Text.of("face.when", Screens.when(q.startsAt(), zone))));
    lines.add(q.venue());
    for (ReservedSeat s : q.seats()) {
      lines.add(render(Text.of("face.seat", Screens.seat(s))));
    }
    lines.add(render(Text.of("face.issuer", q.issuerName())));
    return new CardFace(lines, image(q));
  }

  /**
   * A commuter pass (S2 ¶28 S80): the holder's name, section, period and fare class on the
   * railway's card, and the holder's face photo when they signed in with a registration that has
   * one.
   */
  private CardFace passFace(PurchaseSession session) {
    ProductQuote q = session.hold().productQuote().orElseThrow();
    RailSection s = q.section().orElseThrow();
    List<String> lines = new ArrayList<>();
    lines.add(render(Text.of("face.pass.title", q.issuerName())));
    String holder = session.kiosk().holder().orElseThrow().name();
    lines.add(render(Text.of("face.pass.holder", holder)));
    lines.add(render(Text.of("face.pass.section", s.fromStation(), s.toStation())));
    lines.add(s.line());
    lines.add(
        render(
            Text.of("face.pass.valid", q.validFrom().orElseThrow(), q.validUntil().orElseThrow())));
    lines.add(render(Text.of("fare-class." + q.fareClass().name())));
    return new CardFace(lines, passPhoto(session.kiosk().user(), holder));
  }

  /**
   * The photo on the face of a card holding a pass made out to {@code holder} (S2 ¶39): a pass in
   * the signed-in user's registered, identity-checked name carries the registered face photo; any
   * other card none. The kiosk's new pass and the card reissued for a lost one both ask this.
   */
  public static Optional<byte[]> passPhoto(RegisteredPart user, String holder) {
    return user.isRegisteredName(holder) ? user.facePhoto() : Optional.empty();
  }

  /**
   * A pre-valued card (S2 ¶41, ¶44): printed at issuance with the issuer's design and its value, so
   * the design can change with the season; its number is the id its issuer activates.
   */
  private CardFace prepaidFace(PurchaseSession session) {
    ProductQuote q = session.hold().productQuote().orElseThrow();
    return new CardFace(
        List.of(
            render(Text.of("face.prepaid.title", q.issuerName())),
            q.name(),
            render(Text.of("face.prepaid.value", q.value())),
            render(Text.of("face.card-number", session.card().requiredCardId().value()))),
        Optional.empty());
  }

  private Optional<byte[]> image(Quote q) {
    try {
      return center.eventImage(q.eventId());
    } catch (CenterException e) {
      // The face is printed without the art rather than not at all.
      LOG.warning("no art for the face of " + q.eventId() + ": " + e.getMessage());
      return Optional.empty();
    }
  }

  private String render(Text text) {
    return messages.render(text);
  }
}
