package com.kippu.atm.flow.parts;

import com.kippu.atm.flow.FlowSession;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.TerminalProfile;
import java.util.Map;
import java.util.TreeMap;

/**
 * One purchase session (F5 now; the other purchase flows share it) as four parts — card, hold,
 * payment, ticket — each owning its journal facts, and a fifth a kiosk purchase (F7) adds. The live
 * flow fills it step by step; recovery rebuilds it from the last journal entry with {@link
 * #restore}, so both apply the same rules.
 */
public final class PurchaseSession implements FlowSession {
  public static final String TERMINAL = "terminal";

  private final SessionId id;
  private final TerminalProfile terminal;
  private final CardPart card;
  private final HoldPart hold;
  private final PaymentPart payment;
  private final TicketPart ticket;
  private Checkpoint checkpoint = point -> {};
  private final KioskPart kiosk;

  public PurchaseSession(SessionId id, TerminalProfile terminal) {
    this(
        id,
        terminal,
        new CardPart(),
        new HoldPart(),
        new PaymentPart(),
        new TicketPart(),
        new KioskPart());
  }

  private PurchaseSession(
      SessionId id,
      TerminalProfile terminal,
      CardPart card,
      HoldPart hold,
      PaymentPart payment,
      TicketPart ticket,
      KioskPart kiosk) {
    this.id = id;
    this.terminal = terminal;
    this.card = card;
    this.hold = hold;
    this.payment = payment;
    this.ticket = ticket;
    this.kiosk = kiosk;
  }

  /** The session as its last journal entry left it, for recovery. */
  public static PurchaseSession restore(
      SessionId id, TerminalProfile terminal, Map<String, String> facts) {
    return new PurchaseSession(
        id,
        terminal,
        CardPart.from(facts),
        HoldPart.from(facts),
        PaymentPart.from(facts),
        TicketPart.from(facts),
        KioskPart.from(facts));
  }

  @Override
  public SessionId id() {
    return id;
  }

  public TerminalProfile terminal() {
    return terminal;
  }

  public CardPart card() {
    return card;
  }

  public HoldPart hold() {
    return hold;
  }

  public PaymentPart payment() {
    return payment;
  }

  public TicketPart ticket() {
    return ticket;
  }

  /** What a kiosk purchase (F7) adds: card type, where the card comes from, what became of it. */
  public KioskPart kiosk() {
    return kiosk;
  }

  /**
   * Whether the hold may be released: one is held, no money may have moved for it (STYLE ¶10) and
   * the center has not issued against it (a refused ticket), and it is not a reservation on the
   * customer's card (F1-F3: theirs to pay later). The one place this rule lives.
   */
  public boolean holdReleasable() {
    return hold.number().isPresent()
        && !hold.onCard()
        && !payment.mayHaveMoved()
        && ticket.refused().isEmpty();
  }

  @Override
  public void checkpointWith(Checkpoint checkpoint) {
    this.checkpoint = checkpoint;
  }

  /**
   * Journals the session now, inside the running step, before a side effect that must follow what
   * the journal holds; outside a run (recovery) it journals nothing.
   */
  public void checkpoint(String point) {
    checkpoint.record(point);
  }

  @Override
  public Map<String, String> facts() {
    Map<String, String> facts = new TreeMap<>();
    facts.put(TERMINAL, terminal.terminalId());
    card.writeTo(facts);
    hold.writeTo(facts);
    payment.writeTo(facts);
    ticket.writeTo(facts);
    kiosk.writeTo(facts);
    return facts;
  }
}
