package com.kippu.center;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check every test exchange passes through bites: it is not a check that cannot fail. */
class OpenApiBodiesTest {
  private static byte[] json(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static final String PROBLEM =
      "{\"type\":\"urn:kippu:problem:TICKET_USED\",\"title\":\"ticket used\",\"status\":409,"
          + "\"detail\":\"used\",\"error\":\"TICKET_USED\",\"message\":\"used\"}";

  @Test
  void aDocumentedAnswerAgrees() {
    assertEquals(
        List.of(),
        OpenApiBodies.check(
            "POST",
            "/v1/admin/tickets/T1/void",
            json("{\"reason\":\"x\"}"),
            409,
            "application/problem+json",
            json(PROBLEM)));
  }

  @Test
  void anUndocumentedStatusAMissingFieldAWrongTypeAndAWrongMediaTypeAreReported() {
    assertTrue(
        OpenApiBodies.check("POST", "/v1/admin/tickets/T1/void", null, 418, "", new byte[0])
            .get(0)
            .endsWith("status not documented"));
    List<String> missing =
        OpenApiBodies.check(
            "POST",
            "/v1/admin/tickets/T1/void",
            null,
            409,
            "application/problem+json",
            json("{\"error\":\"TICKET_USED\"}"));
    assertTrue(missing.stream().anyMatch(m -> m.contains("message")), missing.toString());
    List<String> wrongType =
        OpenApiBodies.check(
            "GET",
            "/v1/events",
            null,
            200,
            "application/json",
            json("{\"events\":[{\"eventId\":1}]}"));
    assertTrue(wrongType.stream().anyMatch(m -> m.contains("eventId")), wrongType.toString());
    List<String> media =
        OpenApiBodies.check(
            "POST", "/v1/admin/tickets/T1/void", null, 409, "application/json", json(PROBLEM));
    assertTrue(media.get(0).contains("documented application/problem+json"), media.toString());
    List<String> notJson =
        OpenApiBodies.check("GET", "/v1/events", null, 200, "text/html", json("<p>events</p>"));
    assertTrue(notJson.get(0).contains("answered text/html"), notJson.toString());
  }

  @Test
  void aRequestTheCenterAcceptedIsCheckedAgainstTheRequestSchema() {
    List<String> tooLong =
        OpenApiBodies.check(
            "POST",
            "/v1/admin/tickets/T1/void",
            json("{\"reason\":\"" + "x".repeat(201) + "\"}"),
            200,
            "application/json",
            new byte[0]);
    assertTrue(tooLong.stream().anyMatch(m -> m.contains("request")), tooLong.toString());
  }
}
