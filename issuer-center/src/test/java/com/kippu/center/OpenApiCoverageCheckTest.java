package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.kippu.center.OpenApiOperations.Caller;
import com.kippu.center.OpenApiOperations.Operation;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The coverage check names what no test answered: it is not a check that cannot fail. */
class OpenApiCoverageCheckTest {
  private static final Map<String, Operation> DOCUMENTED =
      Map.of(
          "GET /v1/things/{}",
          new Operation(Caller.OPEN, Set.of(200, 404, 408, 413, 503), false),
          "POST /v1/things",
          new Operation(Caller.TERMINAL, Set.of(201, 401, 408, 413), true));

  @Test
  void aDocumentedStatusNoTestAnsweredIsNamedAndAGenericOneMustBeDocumentedEverywhere() {
    Set<String> answers = Set.of("GET /v1/things/{} 200", "POST /v1/things 201");
    assertEquals(
        List.of(
            "GET /v1/things/{} 404",
            "POST /v1/things 401",
            "POST /v1/things does not document 503"),
        OpenApiCoverageCheck.unanswered(DOCUMENTED, answers));
  }

  @Test
  void aGenericStatusAnsweredOnceOnAnyRouteIsEnoughAndNeverAnsweredIsNamed() {
    Set<String> answers = Set.of("POST /v1/things 408", "GET /v1/things/{} 503");
    assertEquals(Set.of(413), OpenApiCoverageCheck.genericUnanswered(DOCUMENTED, answers));
  }
}
