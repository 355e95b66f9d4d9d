package com.kippu.simulator.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.ops.StaffCase;
import com.kippu.atm.ops.StaffQueue;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The staff desk with the center on the line: a case whose ticket must not stand is voided at the
 * center's operator route ({@code POST /v1/admin/tickets/{n}/void}) under the operator's token,
 * which revokes it at the gates, tells the issuer and makes settlement count a refund line; the
 * center does it once, so a void asked again answers the first. The other actions are carried out
 * by hand at the counter ({@link BranchOperations#DESK}).
 */
public final class CenterDesk implements StaffQueue.Desk {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_REASON = 200;

  private final URI center;
  private final String bearer;
  private final HttpClient http;

  /** {@code bearer} is the operator token, sent only to {@code center} and never shown. */
  public CenterDesk(URI center, String bearer, HttpClient http) {
    this.center = center;
    this.bearer = bearer;
    this.http = http;
  }

  /**
   * The center answers a void asked again with the first: a void whose answer was lost is retried.
   */
  @Override
  public boolean repeatable(StaffCase c) {
    return c.action() == StaffCase.Action.VOID_TICKET;
  }

  @Override
  public String perform(StaffCase c) {
    if (c.action() != StaffCase.Action.VOID_TICKET) {
      return BranchOperations.DESK.perform(c);
    }
    // A reprint the center refused and the ticket it replaced: both of one sale, voided once.
    List<String> done = new ArrayList<>();
    for (String ticket : c.subject().split(",")) {
      if (!ticket.isBlank()) {
        done.add(voidAtCenter(ticket.strip(), c));
      }
    }
    return String.join("; ", done);
  }

  private String voidAtCenter(String ticket, StaffCase c) {
    String reason = "staff case " + c.session().value() + ": " + c.happened();
    if (reason.length() > MAX_REASON) {
      reason = reason.substring(0, MAX_REASON);
    }
    HttpResponse<byte[]> answer;
    JsonNode body;
    try {
      byte[] request = JSON.writeValueAsBytes(JSON.createObjectNode().put("reason", reason));
      answer =
          http.send(
              HttpRequest.newBuilder(
                      center.resolve(
                          "/v1/admin/tickets/"
                              + URLEncoder.encode(ticket, StandardCharsets.UTF_8)
                              + "/void"))
                  .timeout(Duration.ofSeconds(10))
                  .header("Authorization", "Bearer " + bearer)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(request))
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
      body = answer.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(answer.body());
    } catch (IOException e) {
      throw new IllegalStateException("the center could not be reached: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the center voided " + ticket, e);
    }
    if (answer.statusCode() != 200) {
      throw new IllegalStateException(
          "the center did not void ticket "
              + ticket
              + ": "
              + answer.statusCode()
              + " "
              + body.path("error").asText("")
              + " "
              + body.path("detail").asText(""));
    }
    return describe(body, c);
  }

  /** What the center did, and who owes the customer what. */
  static String describe(JsonNode v, StaffCase c) {
    StringBuilder b =
        new StringBuilder("ticket ")
            .append(v.path("ticketNumber").asText())
            .append(" voided at the center (sale ")
            .append(v.path("reservationNumber").asText())
            .append(", revoked ");
    List<String> revoked = new ArrayList<>();
    v.path("revokedTickets").forEach(t -> revoked.add(t.asText()));
    b.append(String.join(" ", revoked)).append(')');
    if (v.path("alreadyVoided").asBoolean()) {
      b.append(", voided already by ")
          .append(v.path("voidedBy").asText())
          .append(" at ")
          .append(v.path("voidedAt").asText());
    }
    b.append("; ");
    if (takenBack(c.money())) {
      b.append("no refund due: the payment was taken back");
    } else {
      b.append("JPY ")
          .append(v.path("amountYen").asLong())
          .append(" (")
          .append(v.path("paymentMethod").asText())
          .append(") refunded to the customer by the ")
          .append("OPERATOR".equals(v.path("refundBy").asText()) ? "operator" : "issuer");
    }
    return b.toString();
  }

  private static boolean takenBack(String money) {
    return money.endsWith(" reversed")
        || money.endsWith(" taken back")
        || money.endsWith(" reversal pending at the bank link")
        || money.equals("no money moved");
  }
}
