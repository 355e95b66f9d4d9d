package com.kippu.atm.flow.kiosk;

import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.issuing.CardFace;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.issuing.CardUnitException;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.util.logging.Logger;

/**
 * Prints the face of a stocker card (S2 ¶24 S32-S34, ¶28 S78-S80): text and image from the center's
 * card information — event art, pass details, the holder's name. It is printed before the sale is
 * made, so a failed print ends the session with the card captured and the payment taken back,
 * nothing sold. A customer's own card keeps the face it has.
 */
final class PrintFace implements Step<PurchaseSession> {
  private static final Logger LOG = Logger.getLogger(PrintFace.class.getName());

  private final CardUnit unit;
  private final CardFaces faces;
  private final CustomerTerminal customer;

  PrintFace(CardUnit unit, CardFaces faces, CustomerTerminal customer) {
    this.unit = unit;
    this.faces = faces;
    this.customer = customer;
  }

  @Override
  public String id() {
    return "print-face";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    if (!session.kiosk().fromStocker()) {
      return Outcome.next();
    }
    CardFace face = faces.of(session);
    try {
      unit.printFace(face);
    } catch (CardUnitException e) {
      LOG.warning("session " + session.id() + ": " + e.getMessage());
      customer.inform(
          Screens.notice(
              "face-print-failed",
              Text.of("face-print-failed.title"),
              Text.of("face-print-failed.line"),
              Text.of("card-not-issued.refund", session.hold().price())));
      return Outcome.cancel("card face not printed: " + e.getMessage());
    }
    session.kiosk().facePrinted();
    return Outcome.next();
  }
}
