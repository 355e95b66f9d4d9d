package com.kippu.atm.flow.recharge;

import com.kippu.atm.card.CardApplication;
import com.kippu.atm.center.ApplicationPackage;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Signal;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;

/**
 * Fetches the chosen application from the center, verified (the issuer's signature over its
 * descriptor, the code's hash), before anything is paid; an application the card holds in this
 * version or a newer one is refused here, so nobody pays for what the card would refuse. The
 * descriptor's price and issuer account are what the customer pays.
 */
final class FetchApplication implements Step<PurchaseSession> {
  private final IssuerCenter center;
  private final CustomerTerminal customer;
  private final AddApplication add;

  FetchApplication(IssuerCenter center, CustomerTerminal customer, AddApplication add) {
    this.center = center;
    this.customer = customer;
    this.add = add;
  }

  @Override
  public String id() {
    return "fetch-application";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    ApplicationPackage p = center.application(add.chosen());
    CardApplication app = p.application();
    boolean installed =
        add.onCard().stream()
            .anyMatch(a -> a.aidHex().equals(app.aidHex()) && a.version() >= app.version());
    if (installed) {
      customer.inform(
          Screens.notice(
              "application-installed-already",
              Text.of("application-installed-already.title"),
              Text.of("application-installed-already.line", app.name(), app.version()),
              Text.of("notice.choose-again")));
      return Outcome.signal(Signal.CONDITIONS_CHANGED, app + " is on the card already");
    }
    if (p.price().yen() <= 0) {
      return Outcome.fail("application " + p.appId() + " has no price to pay");
    }
    add.fetched(p);
    session.hold().toPay(p.price(), p.issuerAccount());
    return Outcome.next();
  }
}
