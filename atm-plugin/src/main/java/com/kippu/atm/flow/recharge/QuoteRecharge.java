package com.kippu.atm.flow.recharge;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.RechargeLimitException;
import com.kippu.atm.center.RechargeQuote;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Signal;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;
import java.util.Set;

/**
 * Asks the center whether the card takes the chosen amount now, before any money moves (F11): a
 * limit (value per card, recharges per day) is shown with how much the card may still take and the
 * customer chooses again ({@link Signal#CONDITIONS_CHANGED}). Otherwise the issuer's verified quote
 * names the account the payment goes to.
 */
final class QuoteRecharge implements Step<PurchaseSession> {
  static final Set<String> LIMITS = Set.of("VALUE_LIMIT", "DAILY_LIMIT");

  private final IssuerCenter center;
  private final CustomerTerminal customer;
  private final Recharge recharge;

  QuoteRecharge(IssuerCenter center, CustomerTerminal customer, Recharge recharge) {
    this.center = center;
    this.customer = customer;
    this.recharge = recharge;
  }

  @Override
  public String id() {
    return "quote-recharge";
  }

  @Override
  public Outcome run(PurchaseSession session) throws Exception {
    RechargeQuote quote;
    try {
      quote = center.rechargeQuote(session.card().requiredCardId(), recharge.amount());
    } catch (CenterException e) {
      if (!LIMITS.contains(e.code())) {
        throw e;
      }
      customer.inform(
          Screens.notice(
              "recharge-limit",
              Text.of("recharge-limit.title"),
              Text.of("recharge-limit." + e.code(), recharge.amount()),
              room(e),
              Text.of("notice.choose-again")));
      return Outcome.signal(Signal.CONDITIONS_CHANGED, e.code() + ": " + reason(e));
    }
    recharge.quoted(quote);
    session.hold().toPay(quote.amount(), quote.issuerAccount());
    return Outcome.next();
  }

  /**
   * How much the card may still take, in the customer's language, from the amounts in the center's
   * refusal; the center's own (English) words only from a center that sends no amounts.
   */
  static Text room(CenterException e) {
    if (e instanceof RechargeLimitException l) {
      return Text.of("recharge-room." + e.code(), l.remaining(), l.limit());
    }
    return Text.of("recharge-limit.reason", reason(e));
  }

  /** The center's own words, without the method and path the client puts before them. */
  static String reason(CenterException e) {
    String m = e.getMessage();
    int colon = m.indexOf(": ");
    return colon < 0 ? m : m.substring(colon + 2);
  }
}
