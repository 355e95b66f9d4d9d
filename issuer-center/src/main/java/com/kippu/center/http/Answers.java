package com.kippu.center.http;

import com.kippu.center.common.Answer;
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
}
