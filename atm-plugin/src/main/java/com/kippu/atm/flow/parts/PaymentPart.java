package com.kippu.atm.flow.parts;

import com.kippu.atm.flow.Fact;
import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.PinBlock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The session's payment: which method the customer chose, the attempt under way and what the rail
 * answered. Its one rule: from the moment an attempt is requested until the rail says no money
 * moved (declined, reversed), {@link #mayHaveMoved()} is true, and nothing that money may have paid
 * for is released (STYLE ¶10). Method-specific facts (masked card, purse record) travel in {@link
 * Approval#details()}, journaled under {@code pay.}; what a method notes about its attempt (the
 * cash taken in) under {@code <method>.}; never a PIN or a full card number.
 */
public final class PaymentPart {
  public static final Fact<String> METHOD = Fact.text("method");
  public static final Fact<String> ID = Fact.text("payment");
  public static final Fact<Boolean> MAY_HAVE_MOVED = Fact.flag("moneyMayHaveMoved");
  public static final Fact<String> REFERENCE = Fact.text("reference");
  public static final Fact<String> APPROVAL_CODE = Fact.text("approvalCode");
  public static final Fact<String> STAN = Fact.text("stan");
  public static final Fact<Instant> PAID_AT = Fact.instant("paidAt");
  public static final Fact<String> ACQUIRER = Fact.text("acquirer");

  /**
   * The attempt is being taken back (the flow is compensating it): recovery finishes the refund and
   * never issues a ticket on it, whatever the rail answered before.
   */
  public static final Fact<Boolean> TAKING_BACK = Fact.flag("takingBack");

  /**
   * Keys of the notes that outlive their attempt (what staff owe the customer), comma-separated:
   * kept when the customer chooses again and when the session is restored.
   */
  public static final Fact<String> STANDING = Fact.text("standingNotes");

  /** The rail's own code for the last decline, e.g. ISO 8583 field 39 {@code 51}. */
  public static final Fact<String> DECLINE_CODE = Fact.text("declineCode");

  /** Journals written before the reference was method-neutral named it after the RRN. */
  private static final Fact<String> LEGACY_RRN = Fact.text("rrn");

  private static final String DETAIL = "pay.";
  private static final String DEFAULT_METHOD = "transfer";

  /**
   * What the rail approved: its reference for reconciliation (an RRN, a purse transaction id), the
   * approval code and trace number, when it was paid, who acquired it, and method details.
   */
  public record Approval(
      String reference,
      String approvalCode,
      String stan,
      Instant paidAt,
      String acquirer,
      Map<String, String> details) {
    public Approval {
      details = Map.copyOf(details);
    }
  }

  private String method;
  private int attempts;
  private String id;
  private boolean mayHaveMoved;
  private boolean takingBack;
  private Approval approval;
  private String declineCode;
  private Presented presented;
  private final Map<String, String> notes = new TreeMap<>();
  private final Set<String> closed = new HashSet<>();
  private final Set<String> standing = new TreeSet<>();

  /**
   * What the customer presented for the attempt about to be sent: the card (swiped, or the IC
   * card's cash card) and the PIN block. Held in memory for that one attempt, never journaled.
   */
  public record Presented(CardNumber card, CardExpiry expiry, PinBlock pin) {
    @Override
    public String toString() {
      return "Presented[" + (card == null ? "-" : card.masked()) + "]";
    }
  }

  /** Keeps what the customer presented for the next attempt only. */
  public void present(Presented presented) {
    this.presented = presented;
  }

  /** What was presented for the current attempt, handed over once. */
  public Optional<Presented> takePresented() {
    Optional<Presented> p = Optional.ofNullable(presented);
    presented = null;
    return p;
  }

  /**
   * The customer chose {@code method} (a method id, e.g. {@code transfer}); its notes start anew.
   */
  public void choose(String method) {
    this.method = method;
    clearNotes();
  }

  /**
   * Journals {@code value} as a fact of the chosen method's own attempt, e.g. the cash it took in;
   * the fact's key must start with the method id and a dot ({@code cash.insertedYen}).
   */
  public <T> void note(Fact<T> fact, T value) {
    if (method == null || !fact.key().startsWith(method + ".")) {
      throw new IllegalArgumentException(
          "fact " + fact + " is not one of payment method " + method + "'s own");
    }
    notes.remove(fact.key());
    fact.put(notes, value);
  }

  /** A fact the chosen method noted about its attempt. */
  public <T> Optional<T> noted(Fact<T> fact) {
    return fact.in(notes);
  }

  /**
   * Like {@link #note}, for what outlives the attempt: an amount staff owe the customer stays in
   * every later entry of the session, whatever the customer chooses next.
   */
  public <T> void noteStanding(Fact<T> fact, T value) {
    note(fact, value);
    standing.add(fact.key());
  }

  /** Forgets what the chosen method noted, but what staff owe: a new attempt begins. */
  public void clearNotes() {
    notes.keySet().retainAll(standing);
  }

  /**
   * {@code method} may not be chosen again in this session: its card was blocked (too many wrong
   * PINs). Not journaled: a restored session never returns to the choice of method.
   */
  public void close(String method) {
    closed.add(method);
  }

  /** Whether {@code method} is still open to the customer in this session. */
  public boolean open(String method) {
    return !closed.contains(method);
  }

  public Optional<String> method() {
    return Optional.ofNullable(method);
  }

  /** A new attempt is about to be sent; journaled as possibly moving money before it leaves. */
  public String request(String sessionId) {
    attempts++;
    this.id = sessionId + "-P" + attempts;
    this.approval = null;
    this.declineCode = null;
    this.mayHaveMoved = true;
    this.takingBack = false;
    return id;
  }

  public Optional<String> id() {
    return Optional.ofNullable(id);
  }

  public String requiredId() {
    return id().orElseThrow(() -> new IllegalStateException("no payment requested"));
  }

  public void approved(Approval approval) {
    this.approval = approval;
  }

  /** The rail said no money moved for the current attempt, or it was reversed. */
  public void noMoneyMoved() {
    this.approval = null;
    this.mayHaveMoved = false;
    this.takingBack = false;
  }

  /**
   * The current attempt, which may have moved money, is about to be taken back; journaled before
   * the rail is asked, so a crash during the refund is finished as a refund.
   */
  public void takeBack() {
    if (mayHaveMoved) {
      this.takingBack = true;
    }
  }

  /** Whether the current attempt was being taken back. */
  public boolean takingBack() {
    return takingBack;
  }

  /** The rail declined the current attempt with {@code code}; no money moved. */
  public void declined(String code) {
    noMoneyMoved();
    this.declineCode = code;
  }

  public Optional<String> declineCode() {
    return Optional.ofNullable(declineCode);
  }

  public boolean mayHaveMoved() {
    return mayHaveMoved;
  }

  public Optional<Approval> approval() {
    return Optional.ofNullable(approval);
  }

  public void writeTo(Map<String, String> facts) {
    METHOD.put(facts, method);
    facts.putAll(notes);
    if (!standing.isEmpty()) {
      STANDING.put(facts, String.join(",", standing));
    }
    if (id == null) {
      return;
    }
    ID.put(facts, id);
    MAY_HAVE_MOVED.put(facts, mayHaveMoved);
    if (takingBack) {
      TAKING_BACK.put(facts, true);
    }
    DECLINE_CODE.put(facts, declineCode);
    if (approval != null) {
      REFERENCE.put(facts, approval.reference());
      APPROVAL_CODE.put(facts, approval.approvalCode());
      STAN.put(facts, approval.stan());
      PAID_AT.put(facts, approval.paidAt());
      ACQUIRER.put(facts, approval.acquirer());
      approval.details().forEach((k, v) -> facts.put(DETAIL + k, v));
    }
  }

  public static PaymentPart from(Map<String, String> facts) {
    PaymentPart part = new PaymentPart();
    part.id = ID.in(facts).orElse(null);
    part.method = METHOD.in(facts).orElse(part.id == null ? null : DEFAULT_METHOD);
    part.mayHaveMoved = MAY_HAVE_MOVED.in(facts).orElse(false);
    part.takingBack = part.mayHaveMoved && TAKING_BACK.in(facts).orElse(false);
    STANDING
        .in(facts)
        .ifPresent(
            keys -> {
              for (String key : keys.split(",")) {
                if (facts.containsKey(key)) {
                  part.standing.add(key);
                  part.notes.put(key, facts.get(key));
                }
              }
            });
    if (part.method != null) {
      String own = part.method + ".";
      facts.forEach(
          (k, v) -> {
            if (k.startsWith(own)) {
              part.notes.put(k, v);
            }
          });
    }
    Optional<String> reference = REFERENCE.in(facts).or(() -> LEGACY_RRN.in(facts));
    if (reference.isPresent()) {
      Map<String, String> details = new TreeMap<>();
      facts.forEach(
          (k, v) -> {
            if (k.startsWith(DETAIL)) {
              details.put(k.substring(DETAIL.length()), v);
            }
          });
      part.approval =
          new Approval(
              reference.get(),
              APPROVAL_CODE.in(facts).orElse(""),
              STAN.in(facts).orElse(""),
              PAID_AT.required(facts),
              ACQUIRER.in(facts).orElse(""),
              details);
    }
    return part;
  }
}
