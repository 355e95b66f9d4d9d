package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.catalog.EventId;
import com.kippu.center.reservation.BestAvailableCommand;
import com.kippu.center.reservation.BestAvailableHolds;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.Hold;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.Reservation;
import com.kippu.center.reservation.ReservedSeat;
import com.kippu.center.reservation.Result;
import com.kippu.center.reservation.TerminalId;
import java.util.Optional;

/**
 * {@code POST /v1/reservations/best-available}: hold the best N free seats, in a section or
 * anywhere (contract: {@code openapi.yaml}). A terminal route with the same idempotency, signatures
 * and answer as {@code POST /v1/reservations}, plus the seats chosen.
 */
public final class BestAvailableRoutes implements RouteGroup {
  public static final String PATH = "/v1/reservations/best-available";

  private static final int MAX_SECTION_LENGTH = 16;

  private final BestAvailableHolds holds;

  public BestAvailableRoutes(BestAvailableHolds holds) {
    this.holds = holds;
  }

  @Override
  public void register(Router router, Guards guards) {
    router.add("POST", PATH, guards.terminal(this::hold));
  }

  Response hold(Request request) throws ApiException {
    TerminalId terminal = request.terminalId();
    JsonFields body = request.body();
    long quantity = body.positiveLong("quantity");
    if (quantity > BestAvailableCommand.MAX_QUANTITY) {
      throw ApiException.invalid(
          "quantity", "must be at most " + BestAvailableCommand.MAX_QUANTITY);
    }
    String section = body.optionalText("section", MAX_SECTION_LENGTH);
    if (section != null && section.isBlank()) {
      throw ApiException.invalid("section", "must not be blank");
    }
    BestAvailableCommand cmd =
        new BestAvailableCommand(
            terminal,
            body.value("requestNumber", RequestNumber::new),
            body.value("eventId", EventId::new),
            Optional.ofNullable(section),
            (int) quantity,
            body.value("cardId", CardId::new));
    Result<Hold> result = holds.hold(cmd);
    if (!result.success()) {
      return Response.error(
          OutcomeStatus.of(result.outcome()),
          result.outcome().name(),
          result.message(),
          result.field());
    }
    Hold hold = result.value();
    Reservation r = hold.reservation();
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("reservationNumber", r.number().value());
    out.put("status", r.status().name());
    out.put("amountYen", r.amountYen());
    out.put("issuerId", hold.issuer().issuerId().value());
    out.put("issuerAccount", hold.issuer().bankAccount());
    out.put("expiresAt", r.expiresAt().toString());
    ArrayNode seats = out.putArray("seats");
    for (ReservedSeat s : r.seats()) {
      ObjectNode seat = seats.addObject();
      seat.put("seatId", s.seatId().value());
      seat.put("section", s.section());
      seat.put("row", s.row());
      seat.put("number", s.number());
      seat.put("priceYen", s.priceYen());
    }
    out.set("signedReservation", CenterApi.envelope(hold.signedReservation()));
    return Response.json(201, out);
  }
}
