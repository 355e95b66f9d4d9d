package com.kippu.atm.flow.recharge;

import com.kippu.atm.card.CardApplication;
import com.kippu.atm.card.CardException;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;

/**
 * After payment, installs the verified application on the card (S2 ¶45, ¶53). A card that refuses
 * it fails the session, and the runner takes the payment back; once installed, the journal names
 * what the payment bought, and it stands.
 */
final class InstallApplication implements Step<PurchaseSession> {
  private final IcCard card;
  private final PaymentMethods methods;
  private final CustomerTerminal customer;
  private final AddApplication add;

  InstallApplication(
      IcCard card, PaymentMethods methods, CustomerTerminal customer, AddApplication add) {
    this.card = card;
    this.methods = methods;
    this.customer = customer;
    this.add = add;
  }

  @Override
  public String id() {
    return "install-application";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    CardApplication app = add.fetched().application();
    InstalledApplication installed = InstalledApplication.of(add.fetched().appId(), app);
    // Journaled before the card is written: after a crash the card tells whether it took it.
    session.ticket().installing(installed.journaled());
    session.checkpoint("install-application.begin");
    try {
      card.install(app);
    } catch (CardException e) {
      customer.inform(
          Screens.notice(
              "application-not-installed",
              Text.of("application-not-installed.title"),
              Text.of("recharge-refused.returned", session.hold().price())));
      return Outcome.fail("installing " + add.fetched().application() + ": " + e.getMessage());
    }
    session.ticket().sold(installed.journaled());
    methods.get(session.payment().method().orElseThrow()).settled(session);
    return Outcome.next();
  }
}
