package com.kippu.atm.flow.users;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.time.Instant;

/**
 * Invalidates the chosen card (S2 ¶38): the center flags it, revokes its tickets (gates refuse
 * them, online and through the revocation list) and tells each issuer concerned, whose local server
 * flags it too. Idempotent; a loss is never undone by the terminal, whatever follows.
 */
public final class ReportLost implements Step<UserSession> {
  static final String REASON = "reported lost or stolen by its holder at a terminal";

  private final UserCenter center;
  private final CustomerTerminal customer;

  public ReportLost(UserCenter center, CustomerTerminal customer) {
    this.center = center;
    this.customer = customer;
  }

  @Override
  public String id() {
    return "report-lost";
  }

  @Override
  public Outcome run(UserSession session) throws CenterException {
    if (session.get(UserSession.LOST_AT).isEmpty()) {
      Instant at =
          center.reportLost(
              session.requiredUser(), session.pin().orElseThrow(), session.lostCard(), REASON);
      session.put(UserSession.LOST_AT, at);
    }
    customer.inform(
        Screens.notice(
            "card-invalidated",
            Text.of("card-invalidated.title"),
            Text.of("card-invalidated.line", session.lostCard().value()),
            Text.of("card-invalidated.reissue")));
    return Outcome.next();
  }
}
