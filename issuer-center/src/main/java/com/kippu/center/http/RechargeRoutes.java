package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.card.CardOutcome;
import com.kippu.center.card.RechargeCheck;
import com.kippu.center.card.RechargeQuotes;
import com.kippu.center.common.Answer;
import com.kippu.center.common.Yen;
import com.kippu.center.reservation.CardId;

/**
 * F11 for terminals, before the customer pays: whether a prepaid card takes a recharge of an amount
 * now (its limits per card and per day), answered with the issuer's signed quote or the refusal
 * that says which limit and how much the card may still take. The recharge itself is {@code POST
 * /v1/prepaid-cards/{cardId}/recharge} ({@link CardRoutes}).
 */
public final class RechargeRoutes implements RouteGroup {
  private final RechargeQuotes quotes;

  public RechargeRoutes(RechargeQuotes quotes) {
    this.quotes = quotes;
  }

  @Override
  public void register(Router router, Guards guards) {
    router.add("POST", "/v1/prepaid-cards/{}/recharge-quote", guards.terminal(this::quote));
  }

  private Response quote(Request request) throws ApiException {
    CardId card =
        CenterApi.id(request.pathParam(0), CardId::new)
            .orElseThrow(() -> ApiException.invalid("cardId", "is not a valid card id"));
    long amount = request.body().boundedLong("amountYen", 1, Yen.MAX_CARD_VALUE);
    Answer<CardOutcome, RechargeQuotes.Quoted> done =
        quotes.quote(request.terminalId(), card, amount);
    if (!done.success()) {
      return Answers.rechargeRefusal(done, quotes.prepaid(), card);
    }
    RechargeCheck c = done.value().check();
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("cardId", c.card().cardId().value());
    out.put("valueYen", c.card().valueYen());
    out.put("amountYen", c.amountYen());
    out.put("rechargedTodayYen", c.rechargedTodayYen());
    out.put("maxCardValueYen", c.limits().maxCardValueYen());
    out.put("maxPerDayYen", c.limits().maxPerDayYen());
    out.set("signedQuote", CenterApi.envelope(done.value().signed()));
    return Response.json(200, out);
  }
}
