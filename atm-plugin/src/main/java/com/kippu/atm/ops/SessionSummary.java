package com.kippu.atm.ops;

import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One customer session as the journal tells it: when it started and ended, its last state, and the
 * facts of its last entry (masked as journaled), with the questions operations ask of them.
 */
public record SessionSummary(
    SessionId id,
    String flow,
    Instant started,
    Instant ended,
    String lastState,
    Map<String, String> facts) {

  /** The summary of a session from its entries in order (at least one). */
  public static SessionSummary of(List<JournalEntry> entries) {
    JournalEntry first = entries.get(0);
    JournalEntry last = entries.get(entries.size() - 1);
    return new SessionSummary(
        first.sessionId(), first.flow(), first.at(), last.at(), last.state(), last.facts());
  }

  public Optional<String> fact(String key) {
    return Optional.ofNullable(facts.get(key)).filter(v -> !v.isBlank());
  }

  /** The payment method chosen, if any. */
  public Optional<String> method() {
    return fact("method");
  }

  /** The price, in yen, once the hold named it. */
  public long amountYen() {
    return fact("amountYen").map(Long::parseLong).orElse(0L);
  }

  /** The rail's payment reference (RRN, authorization or purse record) once approved. */
  public Optional<String> reference() {
    return fact("reference").or(() -> fact("rrn"));
  }

  /** The recovery's action, when recovery closed the session. */
  public Optional<String> recoveryAction() {
    return fact("recovery");
  }

  /** What staff must settle, when the flow or the recovery said so. */
  public Optional<String> staffNote() {
    return fact("staff").or(() -> fact("cash.staff"));
  }

  /** Whether a payment attempt may have moved money (journaled before it was sent). */
  public boolean moneyMayHaveMoved() {
    return Boolean.parseBoolean(facts.get("moneyMayHaveMoved"));
  }

  /** Whether the payment was being taken back (refund or reversal). */
  public boolean takenBack() {
    return Boolean.parseBoolean(facts.get("takingBack"))
        || recoveryAction().filter(a -> a.equals("PAYMENT_REVERSED")).isPresent()
        || recoveryAction().filter(a -> a.equals("LEFT_TO_REVERSAL")).isPresent();
  }

  /** The money state in a few words, for the journal, the staff queue and reconciliation. */
  public String moneyState() {
    if (!moneyMayHaveMoved()) {
      return "no money moved";
    }
    String amount = "JPY " + amountYen() + " by " + method().orElse("?");
    String ref = reference().map(r -> " ref " + r).orElse("");
    if (recoveryAction().filter(a -> a.equals("PAYMENT_REVERSED")).isPresent()) {
      return amount + ref + " reversed";
    }
    if (recoveryAction().filter(a -> a.equals("LEFT_TO_REVERSAL")).isPresent()) {
      return amount + ref + " reversal pending at the bank link";
    }
    if (Boolean.parseBoolean(facts.get("takingBack"))) {
      return amount + ref + " taken back";
    }
    if (fact("ticket").isPresent() && reference().isPresent()) {
      return amount + ref + " paid, ticket " + facts.get("ticket");
    }
    if (reference().isPresent()) {
      return amount + ref + " paid, no ticket";
    }
    if (fact("declineCode").isPresent()) {
      return amount + " declined " + facts.get("declineCode");
    }
    return amount + " outcome unknown";
  }
}
