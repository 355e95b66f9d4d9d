package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.card.CardOutcome;
import com.kippu.center.card.ReissuedTicket;
import com.kippu.center.card.TicketReplacements;
import com.kippu.center.common.Answer;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.TicketNumber;
import java.util.Optional;

/**
 * {@code POST /v1/tickets/{ticketNumber}/replace}: a terminal that could not confirm a printed
 * ticket (F2 paper out, a crash while printing) has it voided and reissued under a new number.
 */
public final class TicketReplacementRoutes implements RouteGroup {
  private final TicketReplacements replacements;

  public TicketReplacementRoutes(TicketReplacements replacements) {
    this.replacements = replacements;
  }

  @Override
  public void register(Router router, Guards guards) {
    router.add("POST", "/v1/tickets/{}/replace", guards.terminal(this::replace));
  }

  private Response replace(Request request) throws ApiException {
    request.terminalId();
    JsonFields body = request.body();
    CardId cardId = body.value("cardId", CardId::new);
    String reason = body.optionalText("reason", 200);
    Optional<TicketNumber> number = CenterApi.id(request.pathParam(0), TicketNumber::new);
    if (number.isEmpty()) {
      return Response.error(
          404, CardOutcome.TICKET_NOT_FOUND.name(), "no ticket " + request.pathParam(0), null);
    }
    Answer<CardOutcome, ReissuedTicket> done = replacements.replace(number.get(), cardId, reason);
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("ticketNumber", done.value().ticketNumber().value());
    out.put("replaces", done.value().replaces().value());
    out.set("signedTicket", CenterApi.envelope(done.value().signed()));
    return Response.json(200, out);
  }
}
