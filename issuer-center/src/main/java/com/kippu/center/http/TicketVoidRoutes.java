package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.common.Answer;
import com.kippu.center.reservation.TicketNumber;
import com.kippu.center.voids.TicketVoid;
import com.kippu.center.voids.TicketVoids;
import com.kippu.center.voids.VoidOutcome;
import java.util.Optional;

/**
 * {@code POST /v1/admin/tickets/{ticketNumber}/void}: the operator voids a sold ticket that must
 * not stand (a staff-queue case). Idempotent: asking again answers the first void, with {@code
 * alreadyVoided} true, and refunds nothing twice.
 */
public final class TicketVoidRoutes implements RouteGroup {
  private final TicketVoids voids;

  public TicketVoidRoutes(TicketVoids voids) {
    this.voids = voids;
  }

  @Override
  public void register(Router router, Guards guards) {
    router.add("POST", "/v1/admin/tickets/{}/void", guards.admin(this::voidTicket));
  }

  private Response voidTicket(Request request) throws ApiException {
    String reason = request.body().optionalText("reason", TicketVoids.MAX_REASON_LENGTH);
    Optional<TicketNumber> number = CenterApi.id(request.pathParam(0), TicketNumber::new);
    if (number.isEmpty()) {
      return Response.error(
          404, VoidOutcome.TICKET_NOT_FOUND.name(), "no ticket " + request.pathParam(0), null);
    }
    Answer<VoidOutcome, TicketVoid> done =
        voids.voidTicket(number.get(), reason, request.operator());
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    TicketVoid v = done.value();
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("ticketNumber", v.ticketNumber().value());
    out.put("reservationNumber", v.reservationNumber().value());
    out.put("issuerId", v.issuerId().value());
    out.put("amountYen", v.amountYen());
    out.put("paymentMethod", v.paymentMethod());
    out.put("paymentReference", v.paymentReference());
    out.put("refundBy", v.refundBy().name());
    out.put("reason", v.reason());
    out.put("voidedBy", v.voidedBy());
    out.put("voidedAt", v.voidedAt().toString());
    v.revokedTickets().forEach(t -> out.withArray("revokedTickets").add(t.value()));
    out.put("seat", "KEPT");
    out.put("alreadyVoided", done.outcome() == VoidOutcome.ALREADY_VOIDED);
    return Response.json(200, out);
  }
}
