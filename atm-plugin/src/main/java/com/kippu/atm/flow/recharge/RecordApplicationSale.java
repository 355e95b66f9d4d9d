package com.kippu.atm.flow.recharge;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.purchase.AskAgain;
import java.util.logging.Logger;

/**
 * Records the sale of the installed application at the center under the session's number (F11), so
 * its issuer gets the sales record and is settled for it. The card holds the application and the
 * payment stands whatever the center answers: a sale not recorded (no answer, or a refusal) leaves
 * the session unsettled, and recovery records it or hands it to staff.
 */
final class RecordApplicationSale implements Step<PurchaseSession> {
  private static final Logger LOG = Logger.getLogger(RecordApplicationSale.class.getName());

  private final IssuerCenter center;
  private final PaymentMethods methods;
  private final AddApplication add;

  RecordApplicationSale(IssuerCenter center, PaymentMethods methods, AddApplication add) {
    this.center = center;
    this.methods = methods;
    this.add = add;
  }

  @Override
  public String id() {
    return "record-application-sale";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    String request = session.id().value();
    try {
      String sale =
          AskAgain.whileUnknown(
              "application sale " + request,
              () ->
                  center.recordApplicationSale(
                      request,
                      add.fetched().appId(),
                      add.fetched().application().version(),
                      session.card().requiredCardId(),
                      methods.get(session.payment().method().orElseThrow()).proof(session)));
      LOG.info(() -> "session " + request + ": application sale " + sale + " recorded");
      return Outcome.next();
    } catch (CenterException e) {
      LOG.warning("application sale " + request + " not recorded, left to recovery: " + e);
      return Outcome.unsettled("application sale not recorded: " + e.getMessage());
    }
  }
}
