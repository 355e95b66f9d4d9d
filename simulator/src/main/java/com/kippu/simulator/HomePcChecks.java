package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.center.catalog.CatalogSeed;
import java.util.List;
import java.util.Map;

/**
 * What every home PC scenario checks after a sale (F13): the session's last journal facts, the
 * payment the center recorded under the session's reference, and the sale the center put in the
 * issuer's outbox (S2 ¶50: the sales record goes to the issuer's system).
 */
final class HomePcChecks {
  private HomePcChecks() {}

  /** The facts of the session's last journal entry, printed. */
  static Map<String, String> lastFacts(DemoRun run, SessionOutcome outcome) {
    List<JournalEntry> journal =
        run.branch().plugin().journal().entries(new SessionId(outcome.sessionId()));
    JournalEntry last = journal.get(journal.size() - 1);
    run.out().println("  [journal] " + last.state() + " " + last.facts().keySet());
    return last.facts();
  }

  /**
   * The session paid by {@code method} (its journal says so) and the center recorded the approval
   * of {@code host} (the bank, the card host) under the session's reference.
   */
  static void paidThroughCenter(DemoRun run, SessionOutcome outcome, String method, String host)
      throws Exception {
    Map<String, String> facts = lastFacts(run, outcome);
    run.check(
        method.equals(facts.get("method")),
        "journal: paid by " + method + ", ended " + lastState(run, outcome));
    run.check(
        "APPROVED"
            .equals(homePayment(run, facts.getOrDefault("payment", "")).path("status").asText()),
        "the center recorded the " + host + "'s approval");
  }

  /** The state the session's journal ended in. */
  static String lastState(DemoRun run, SessionOutcome outcome) {
    List<JournalEntry> journal =
        run.branch().plugin().journal().entries(new SessionId(outcome.sessionId()));
    return journal.get(journal.size() - 1).state();
  }

  /** The center's record of the home payment under {@code reference}, printed. */
  static JsonNode homePayment(DemoRun run, String reference) throws Exception {
    CenterCalls.Answer record =
        new CenterCalls(run.branch()).getAsTerminal("/v1/home/payments/" + reference);
    run.out().println("  [center] home payment " + record.body());
    return record.status() == 200 ? record.body() : CenterCalls.JSON.createObjectNode();
  }

  /**
   * The sales in the demo promoter's outbox for {@code cardId} paid by {@code method}, acquired by
   * the center (a home PC's payment is the center's).
   */
  static List<JsonNode> promoterSales(DemoRun run, String cardId, String method) throws Exception {
    return KioskScenarios.outbox(run, CatalogSeed.ISSUER.value()).stream()
        .filter(m -> cardId.equals(m.path("cardId").asText()))
        .filter(m -> method.equals(m.path("paymentMethod").asText()))
        .filter(m -> "KIPPU-CENTER".equals(m.path("paymentAcquirer").asText()))
        .toList();
  }
}
