package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.card.CardOutcome;
import com.kippu.center.card.PendingLoad;
import com.kippu.center.card.PurseLoads;
import com.kippu.center.card.RechargeCheck;
import com.kippu.center.card.RechargeQuotes;
import com.kippu.center.common.Answer;
import com.kippu.center.common.Yen;
import com.kippu.center.reservation.CardId;
import java.util.List;

/**
 * F11 for terminals, before the customer pays: whether a prepaid card takes a recharge of an amount
 * now (its limits per card and per day), answered with the issuer's signed quote or the refusal
 * that says which limit and how much the card may still take. The recharge itself is {@code POST
 * /v1/prepaid-cards/{cardId}/recharge} ({@link CardRoutes}); after it, the card's pending loads
 * ({@link PurseLoads}).
 */
public final class RechargeRoutes implements RouteGroup {
  /** The longest purse transaction id a card keeps. */
  static final int MAX_PURSE_ID = 32;

  private final RechargeQuotes quotes;
  private final PurseLoads loads;

  public RechargeRoutes(RechargeQuotes quotes, PurseLoads loads) {
    this.quotes = quotes;
    this.loads = loads;
  }

  @Override
  public void register(Router router, Guards guards) {
    router
        .add("POST", "/v1/prepaid-cards/{}/recharge-quote", guards.terminal(this::quote))
        .add("GET", "/v1/prepaid-cards/{}/pending-loads", guards.terminal(this::pending))
        .add("POST", "/v1/prepaid-cards/{}/pending-loads/{}/loaded", guards.terminal(this::loaded));
  }

  /**
   * The recharges recorded for the card whose value no terminal has reported on its chip yet: the
   * terminal the card is inserted in writes each under its transaction id (the card takes an id
   * once) and reports it. 410 {@code CARD_LOST} for a lost card: its value moved with the reissue.
   */
  private Response pending(Request request) throws ApiException {
    CardId card = card(request);
    Answer<CardOutcome, List<PendingLoad>> done = loads.pending(card);
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("cardId", card.value());
    ArrayNode list = out.putArray("loads");
    for (PendingLoad l : done.value()) {
      list.addObject()
          .put("saleId", l.saleId())
          .put("purseTransactionId", l.transactionId())
          .put("amountYen", l.amountYen())
          .put("recordedAt", l.recordedAt().toString());
    }
    return Response.json(200, out);
  }

  private Response loaded(Request request) throws ApiException {
    CardId card = card(request);
    String tx = request.pathParam(1);
    if (tx.isEmpty() || tx.length() > MAX_PURSE_ID) {
      throw ApiException.invalid("purseTransactionId", "is not a purse transaction id");
    }
    Answer<CardOutcome, String> done = loads.loaded(card, tx);
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("cardId", card.value()).put("purseTransactionId", tx).put("loaded", true);
    return Response.json(200, out);
  }

  private static CardId card(Request request) throws ApiException {
    return CenterApi.id(request.pathParam(0), CardId::new)
        .orElseThrow(() -> ApiException.invalid("cardId", "is not a valid card id"));
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
