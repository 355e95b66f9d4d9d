package com.kippu.gate;

import com.kippu.atm.card.CardAccess;
import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.CardKey;
import com.kippu.atm.card.CardRecord;
import com.kippu.atm.card.CardRecordCodec;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.RecordType;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.card.UsedMark;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.center.TicketCode;
import com.kippu.gate.check.Admission;
import com.kippu.gate.check.Check;
import com.kippu.gate.check.GateStore;
import com.kippu.gate.check.Refusal;
import com.kippu.gate.check.TicketChecker;
import com.kippu.gate.online.CenterLink;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One gate lane (F8): a card or a printed ticket is presented, the gate decides offline with {@link
 * TicketChecker}, asks the center when it can (admit once, falling back to offline when it cannot
 * be reached), and on admission appends a USED mark to the card and records the entry in its own
 * store. The card is marked before the store records it: a card that could not be marked is
 * refused, so it is never let in without the mark every other gate reads.
 */
public final class GateLane {
  private static final Logger LOG = Logger.getLogger(GateLane.class.getName());

  private final TicketChecker checker;
  private final CardRecordCodec codec;
  private final CardAccess access;
  private final GateStore store;
  private final Optional<CenterLink> center;
  private final Optional<CardAuthenticator> cardAuth;
  private final Clock clock;

  public GateLane(
      TicketChecker checker,
      CardRecordCodec codec,
      CardAccess access,
      GateStore store,
      Optional<CenterLink> center,
      Optional<CardAuthenticator> cardAuth,
      Clock clock) {
    this.checker = checker;
    this.codec = codec;
    this.access = access;
    this.store = store;
    this.center = center;
    this.cardAuth = cardAuth;
    this.clock = clock;
  }

  private String gateId() {
    return checker.policy().gateId();
  }

  /** A card read: refused outright, or inspected. */
  private sealed interface Read permits Refused, Inspection {}

  /** The card could not be read, failed its authentication, or holds no ticket. */
  private record Refused(GateResult result) implements Read {}

  /** What a card read tells before anything is written: the ticket chosen and its check. */
  private record Inspection(
      ChipData chip, CardKey key, List<byte[]> raw, Check chosen, List<String> problems, Instant at)
      implements Read {}

  /**
   * Decides for the card in the reader without admitting (no USED mark, nothing recorded, the
   * center not asked): what staff see when they only check a card, and what the benchmark times.
   */
  public GateResult inspectCard(IcCard card) {
    Read read = inspect(card);
    if (read instanceof Refused refused) {
      return refused.result();
    }
    Inspection i = (Inspection) read;
    return result(i.chosen(), Optional.of(i.chip().holderName()), false, i.problems());
  }

  /** An IC card presented at the reader: decided, and admitted when it may enter. */
  public GateResult presentCard(IcCard card) {
    Read read = inspect(card);
    if (read instanceof Refused refused) {
      return refused.result();
    }
    Inspection i = (Inspection) read;
    Optional<String> holder = Optional.of(i.chip().holderName());
    if (!i.chosen().admissible()) {
      return result(i.chosen(), holder, false, i.problems());
    }
    Ticket ticket = i.chosen().ticket().orElseThrow();
    CardId cardId = i.chip().cardId();
    Optional<Check> asked = askCenter(ticket, cardId.value(), Admission.Medium.CARD);
    if (asked.isPresent() && !asked.get().admissible()) {
      return result(asked.get(), holder, true, i.problems());
    }
    try {
      card.append(
          codec.seal(
              i.key(),
              i.raw(),
              RecordType.USED_MARK,
              new UsedMark(ticket.ticketNumber(), gateId(), i.at()).encode()));
    } catch (CardException e) {
      return result(
          new Check(i.chosen().ticket(), Optional.of(Refusal.CARD_NOT_MARKED), e.getMessage()),
          holder,
          asked.isPresent(),
          i.problems());
    }
    store.record(
        new Admission(
            ticket.ticketNumber(),
            cardId.value(),
            Admission.Medium.CARD,
            gateId(),
            i.at(),
            asked.isPresent()));
    return result(i.chosen(), holder, asked.isPresent(), i.problems());
  }

  /** Reads the card and decides offline, admitting nothing. */
  private Read inspect(IcCard card) {
    ChipData chip;
    List<byte[]> raw;
    try {
      chip = card.readChip();
      raw = card.readRecords();
    } catch (CardException e) {
      return new Refused(GateResult.refused(Refusal.UNREADABLE, e.getMessage(), Optional.empty()));
    }
    Optional<String> holder = Optional.of(chip.holderName());
    if (cardAuth.isPresent()) {
      Optional<String> copied = cardAuth.get().refusal(card, chip.cardId());
      if (copied.isPresent()) {
        return new Refused(GateResult.refused(Refusal.COPIED_CARD, copied.get(), holder));
      }
    }
    CardKey key;
    try {
      key = access.unlock(card, chip.cardId());
    } catch (CardException e) {
      // A copy made through a reader carries none of the chip's secrets: it hands nothing over.
      return new Refused(
          GateResult.refused(
              Refusal.COPIED_CARD,
              "the card hands no access information to this gate: " + e.getMessage(),
              holder));
    }
    CardRecordCodec.RecordScan scan = codec.scan(key, raw);
    List<String> problems = new ArrayList<>(scan.problems());
    Set<String> used = new HashSet<>();
    List<SignedDocument> tickets = new ArrayList<>();
    for (CardRecord r : scan.records()) {
      try {
        if (r.type() == RecordType.USED_MARK) {
          used.add(UsedMark.decode(r.content()).ticketNumber());
        } else if (r.type() == RecordType.TICKET) {
          tickets.add(TicketCard.decode(r.content()));
        }
      } catch (CardException e) {
        problems.add("card record " + r.sequence() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      LOG.warning("card " + chip.cardId() + ": skipped " + problems);
    }
    if (tickets.isEmpty()) {
      return new Refused(
          new GateResult(
              Optional.empty(),
              Optional.of(Refusal.NO_TICKET),
              scan.records().size() + " record(s) read",
              holder,
              false,
              problems));
    }
    Instant now = clock.instant();
    return new Inspection(
        chip, key, raw, choose(tickets, Optional.of(chip.cardId()), used, now), problems, now);
  }

  /** A printed ticket's code as the scanner read it, or as read from a ticket file. */
  public GateResult presentPaper(byte[] scanned) {
    SignedDocument signed;
    try {
      signed = TicketCode.decode(scanned);
    } catch (CenterException e) {
      return GateResult.refused(Refusal.UNREADABLE, e.getMessage(), Optional.empty());
    }
    Instant now = clock.instant();
    Check check = checker.check(signed, Optional.empty(), Set.of(), now);
    if (!check.admissible()) {
      return result(check, Optional.empty(), false, List.of());
    }
    Ticket ticket = check.ticket().orElseThrow();
    Optional<Check> asked = askCenter(ticket, ticket.cardId().value(), Admission.Medium.PAPER);
    if (asked.isPresent() && !asked.get().admissible()) {
      return result(asked.get(), Optional.empty(), true, List.of());
    }
    boolean first =
        store.record(
            new Admission(
                ticket.ticketNumber(),
                ticket.cardId().value(),
                Admission.Medium.PAPER,
                gateId(),
                now,
                asked.isPresent()));
    if (!first) {
      // Another lane on the same store admitted it between the check and now.
      return result(
          new Check(check.ticket(), Optional.of(Refusal.ALREADY_USED), "admitted at this gate"),
          Optional.empty(),
          asked.isPresent(),
          List.of());
    }
    return result(check, Optional.empty(), asked.isPresent(), List.of());
  }

  /**
   * The first ticket that may enter, else the refusal of a ticket for this gate's events (what the
   * holder came for), else the first refusal.
   */
  private Check choose(
      List<SignedDocument> tickets, Optional<CardId> card, Set<String> used, Instant now) {
    Check forThisGate = null;
    Check first = null;
    for (SignedDocument t : tickets) {
      Check c = checker.check(t, card, used, now);
      if (c.admissible()) {
        return c;
      }
      first = first == null ? c : first;
      boolean ours =
          c.ticket().isPresent() && checker.policy().events().contains(c.ticket().get().eventId());
      if (ours && forThisGate == null) {
        forThisGate = c;
      }
    }
    return forThisGate != null ? forThisGate : first;
  }

  /**
   * The center's say on an admission, when it can be asked: empty when the gate is offline or the
   * center unreachable (the offline decision stands and the entry is synced later).
   */
  private Optional<Check> askCenter(Ticket ticket, String cardId, Admission.Medium medium) {
    if (center.isEmpty()) {
      return Optional.empty();
    }
    CenterLink.Answer answer;
    try {
      answer = center.get().admit(ticket.ticketNumber(), cardId, entryId(ticket));
    } catch (CenterException e) {
      LOG.log(Level.WARNING, "deciding offline: " + e.getMessage());
      return Optional.empty();
    }
    Optional<Ticket> t = Optional.of(ticket);
    return Optional.of(
        switch (answer.verdict()) {
          case "VALID" -> new Check(t, Optional.empty(), "valid at the issuer");
          case "USED" -> {
            // Remembered, so this gate refuses it again without asking.
            store.record(
                new Admission(
                    ticket.ticketNumber(),
                    cardId,
                    medium,
                    answer.usedAtGate().orElse("?"),
                    clock.instant(),
                    true));
            yield new Check(
                t,
                Optional.of(Refusal.ALREADY_USED),
                "used at gate " + answer.usedAtGate().orElse("?") + " (issuer's record)");
          }
          case "REVOKED" ->
              new Check(t, Optional.of(Refusal.TICKET_VOIDED), answer.reason().orElse("revoked"));
          default -> new Check(t, Optional.of(Refusal.UNKNOWN_AT_ISSUER), answer.verdict());
        });
  }

  /** One entry per ticket: a retry of this gate's entry is the same entry at the center. */
  static String entryId(Ticket ticket) {
    return ticket.ticketNumber();
  }

  private static GateResult result(
      Check c, Optional<String> holder, boolean online, List<String> problems) {
    return new GateResult(c.ticket(), c.refusal(), c.detail(), holder, online, problems);
  }
}
