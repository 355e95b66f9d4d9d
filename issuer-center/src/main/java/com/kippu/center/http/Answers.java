package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.card.CardOutcome;
import com.kippu.center.card.PrepaidService;
import com.kippu.center.card.RechargeRoom;
import com.kippu.center.common.Answer;
import com.kippu.center.reservation.CardId;
import java.util.Optional;
import java.util.function.ToIntFunction;

/** Renders a refused {@link Answer} as the one error body, with the status its outcome maps to. */
final class Answers {
  private Answers() {}

  static <O extends Enum<O>> Response refusal(Answer<O, ?> answer, ToIntFunction<O> status) {
    return Response.error(
        status.applyAsInt(answer.outcome()),
        answer.outcome().name(),
        answer.message(),
        answer.field());
  }

  /**
   * A refused recharge (quote or recharge, F11); a limit's refusal also carries {@code limit}:
   * which limit ({@code CARD_VALUE} or {@code PER_DAY}), the limit and how much the card may still
   * take.
   */
  static Response rechargeRefusal(
      Answer<CardOutcome, ?> answer, PrepaidService prepaid, CardId card) {
    CardOutcome o = answer.outcome();
    Optional<RechargeRoom> room =
        o == CardOutcome.VALUE_LIMIT || o == CardOutcome.DAILY_LIMIT
            ? prepaid.room(card)
            : Optional.empty();
    if (room.isEmpty()) {
      return refusal(answer, OutcomeStatus::of);
    }
    int status = OutcomeStatus.of(o);
    ObjectNode body = Response.errorBody(status, o.name(), answer.message(), answer.field());
    body.putObject("limit")
        .put("kind", RechargeRoom.kind(o))
        .put("limitYen", room.get().limitYen(o))
        .put("remainingYen", room.get().remainingYen(o));
    return Response.problem(status, body);
  }
}
