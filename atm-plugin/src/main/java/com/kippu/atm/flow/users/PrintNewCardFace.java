package com.kippu.atm.flow.users;

import com.kippu.atm.center.CardReissue;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.kiosk.CardFaces;
import com.kippu.atm.flow.parts.RegisteredPart;
import com.kippu.atm.issuing.CardFace;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.issuing.CardUnitException;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Prints the new card's face (S2 ¶24, ¶39): the holder's registered name (in Japanese as
 * registered), the user id, the card it replaces and what it holds, and the registered face photo
 * when it holds a pass in the registered name. The card's data is already written; a face the
 * printer could not draw is journaled and the card still goes out.
 */
public final class PrintNewCardFace implements Step<UserSession> {
  private final CardUnit unit;
  private final Messages messages;

  public PrintNewCardFace(CardUnit unit, Messages messages) {
    this.unit = unit;
    this.messages = messages;
  }

  @Override
  public String id() {
    return "print-face";
  }

  @Override
  public Outcome run(UserSession session) {
    CardReissue done = session.reissue().orElseThrow();
    List<String> lines = new ArrayList<>();
    lines.add(messages.render(Text.of("face.reissued.title")));
    session
        .recall()
        .ifPresent(r -> lines.add(messages.render(Text.of("face.holder", r.profile().name()))));
    lines.add(messages.render(Text.of("face.user", session.requiredUser().value())));
    lines.add(messages.render(Text.of("face.card", done.newCard().value())));
    lines.add(messages.render(Text.of("face.replaces", done.lostCard().value())));
    for (CardReissue.Reissued r : done.tickets()) {
      if (lines.size() == CardFace.MAX_LINES - 1) {
        break;
      }
      lines.add(r.ticket().title() + " " + r.ticket().startsAt());
    }
    for (CardReissue.ReissuedPass p : done.passes()) {
      if (lines.size() == CardFace.MAX_LINES - 1) {
        break;
      }
      lines.add(
          p.pass().name()
              + " "
              + p.pass().fromStation()
              + "-"
              + p.pass().toStation()
              + " ~"
              + p.pass().validUntil());
    }
    if (done.valueYen() > 0 && lines.size() < CardFace.MAX_LINES) {
      lines.add(messages.render(Text.of("face.value", done.valueYen())));
    }
    try {
      unit.printFace(new CardFace(lines, photo(session, done)));
    } catch (CardUnitException e) {
      session.put(UserSession.PROBLEM, "card face not printed: " + e.getMessage());
    }
    return Outcome.next();
  }

  /**
   * S2 ¶39: a new card holding a pass in the user's registered name carries the registered face
   * photo, as the kiosk prints it on such a pass; after a restart the photo is no longer in memory
   * and the face is printed without it.
   */
  private static Optional<byte[]> photo(UserSession session, CardReissue done) {
    if (session.pin().isEmpty() || session.recall().isEmpty()) {
      return Optional.empty();
    }
    RegisteredPart user = new RegisteredPart();
    user.signedIn(session.pin().get(), session.recall().get());
    return done.passes().stream()
        .map(p -> CardFaces.passPhoto(user, p.pass().holderName()))
        .flatMap(Optional::stream)
        .findFirst();
  }
}
