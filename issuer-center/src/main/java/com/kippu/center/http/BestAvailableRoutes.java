package com.kippu.center.http;

import com.fasterxml.jackson.core.JsonGenerator;
import com.kippu.center.card.CardStanding;
import com.kippu.center.catalog.EventId;
import com.kippu.center.reservation.BestAvailableCommand;
import com.kippu.center.reservation.BestAvailableHolds;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.Hold;
import com.kippu.center.reservation.Outcome;
import com.kippu.center.reservation.RequestNumber;
import com.kippu.center.reservation.Reservation;
import com.kippu.center.reservation.Result;
import com.kippu.center.reservation.SignedPayloads;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.signing.SignedDocument;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/reservations/best-available}: hold the best N free seats, in a section or
 * anywhere (contract: {@code openapi.yaml}). A terminal route with the same idempotency, signatures
 * and answer as {@code POST /v1/reservations}, plus the seats chosen.
 */
public final class BestAvailableRoutes implements RouteGroup {
  public static final String PATH = "/v1/reservations/best-available";

  private static final int MAX_SECTION_LENGTH = 16;

  private final BestAvailableHolds holds;
  private final CardStanding cards;

  public BestAvailableRoutes(BestAvailableHolds holds, CardStanding cards) {
    this.holds = holds;
    this.cards = cards;
  }

  @Override
  public void register(Router router, Guards guards) {
    router.addDeferred("POST", PATH, guards.terminalDeferred(this::hold));
  }

  CompletionStage<Response> hold(Request request) throws ApiException {
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
    Optional<String> refused = cards.refusalForEvent(cmd.cardId(), cmd.eventId());
    if (refused.isPresent()) {
      return CompletableFuture.completedFuture(
          answer(Result.failed(Outcome.CARD_LOST, refused.get(), "cardId")));
    }
    return holds.holdLater(cmd).thenApply(BestAvailableRoutes::answer);
  }

  private static Response answer(Result<Hold> result) {
    if (!result.success()) {
      return Response.error(
          OutcomeStatus.of(result.outcome()),
          result.outcome().name(),
          result.message(),
          result.field());
    }
    return Response.json201(render(result.value()));
  }

  /** The answer written straight to bytes: the same fields, in the same order, as a tree. */
  private static byte[] render(Hold hold) {
    Reservation r = hold.reservation();
    Base64.Encoder b64 = Base64.getEncoder();
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    try (JsonGenerator g = Response.JSON.getFactory().createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("reservationNumber", r.number().value());
      g.writeStringField("status", r.status().name());
      g.writeNumberField("amountYen", r.amountYen());
      g.writeStringField("issuerId", hold.issuer().issuerId().value());
      g.writeStringField("issuerAccount", hold.issuer().bankAccount());
      g.writeStringField("expiresAt", r.expiresAt().toString());
      SignedPayloads.writeSeats(g, r.seats());
      SignedDocument signed = hold.signedReservation();
      g.writeObjectFieldStart("signedReservation");
      g.writeStringField("payload", b64.encodeToString(signed.payload()));
      g.writeStringField("signature", b64.encodeToString(signed.signature()));
      g.writeStringField("keyId", signed.keyId());
      g.writeStringField("algorithm", signed.algorithm());
      g.writeEndObject();
      g.writeEndObject();
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode response", e);
    }
    return out.toByteArray();
  }
}
