package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.TicketCode;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.devices.ChipData;
import com.kippu.devices.sim.CardImages;
import com.kippu.devices.sim.SimulatedCardSlots;
import com.kippu.gate.GateResult;
import com.kippu.gate.TicketFiles;
import com.kippu.gate.check.Refusal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The venue gate (F8, S1 ¶79): the gate application's own code decides for the cards the ATM
 * scenarios produce — offline, against the signed revocation list, a copied card, a second entry,
 * and online with the issuer's record and a sync after the link comes back.
 */
final class GateScenarios {
  private GateScenarios() {}

  static List<DemoScenario> all() {
    return List.of(
        scenario(
            "gate-offline",
            "a ticket bought at the ATM enters at a gate with no link to the center; junk on the"
                + " card is skipped and reported",
            GateScenarios::offline),
        scenario(
            "gate-revoked",
            "a card reported lost is refused after the gate syncs; a stale revocation list"
                + " refuses everything",
            GateScenarios::revoked),
        scenario(
            "gate-copied-card",
            "a copy of the card's image made through a reader is refused: it cannot answer the"
                + " chip's challenge",
            GateScenarios::copied),
        scenario(
            "gate-issuer-invalidated",
            "the issuer invalidates a card on its own server (no loss reported at a terminal):"
                + " the center asks it, so an online gate refuses the card's ticket and nothing"
                + " more is sold onto the card, before any money moves",
            GateScenarios::issuerInvalidated),
        scenario(
            "gate-used-twice",
            "a second entry is refused, at the same gate and at another gate that never saw the"
                + " first",
            GateScenarios::usedTwice),
        scenario(
            "gate-printed-ticket",
            "a ticket printed at the ATM (F6) is scanned at the gate: admitted once, refused the"
                + " second time, and a forged code refused",
            GateScenarios::printed),
        scenario(
            "gate-online",
            "gates ask the issuer's record, fall back to offline without the center, and sync"
                + " their entries so other gates refuse a used ticket",
            GateScenarios::online));
  }

  private interface Play {
    void play(DemoRun run) throws Exception;
  }

  private static DemoScenario scenario(String name, String title, Play play) {
    return new DemoScenario() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String title() {
        return title;
      }

      @Override
      public void play(DemoRun run) throws Exception {
        play.play(run);
      }
    };
  }

  private static EventSummary concert(DemoRun run) throws Exception {
    return run.branch().plugin().center().events().get(0);
  }

  /** {@code c} buys a seat of the concert by account transfer; returns the ticket number. */
  private static String buy(DemoRun run, Branch.Customer c) throws Exception {
    EventSummary concert = concert(run);
    Seat seat = run.firstFreeSeat(concert.eventId());
    SessionOutcome bought =
        run.session(
            c,
            run.customer()
                .on("select-event", concert.eventId().value())
                .on("select-seat", seat.seatId().value())
                .on("choose-payment", "transfer"));
    run.check(
        bought.result() == SessionOutcome.Result.COMPLETED,
        c.name() + " bought seat " + seat.seatId() + ": " + bought.result());
    return bought.ticketNumber().orElse("-");
  }

  /** A gate installed online, synced once (certificates, revocation list), then as {@code url}. */
  private static GateStation gate(DemoRun run, String id, String url) throws Exception {
    GateStation g =
        GateStation.install(
            run.branch(), id, concert(run), run.branch().center().baseUri().toString(), run.out());
    g.sync();
    String center = run.branch().center().baseUri().toString();
    return url != null && url.equals(center) ? g : g.relink(url);
  }

  private static boolean refused(GateResult r, Refusal why) {
    return r.refusal().equals(Optional.of(why));
  }

  private static void offline(DemoRun run) throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    String ticket = buy(run, hanako);
    try (GateStation gate = gate(run, "GATE-A", null)) {
      SimulatedCardSlots.Slot slot = SimulatedCardSlots.slot(gate.slotName());
      slot.insert(run.branch().cardFile(hanako));
      try {
        gate.reader().append("junk anyone with a reader can add".getBytes(StandardCharsets.UTF_8));
        run.out().println("  [reader] a junk record appended to " + hanako.cardId());
      } finally {
        slot.remove();
      }
      GateResult r = gate.present(hanako);
      run.check(r.admitted(), "ticket " + ticket + " admitted at a gate without a center link");
      run.check(!r.online(), "decided offline: signature through the certified key, list, window");
      run.check(r.cardProblems().size() == 1, "the junk record skipped and reported");
      run.check(
          r.ticket().map(t -> t.ticketNumber().equals(ticket)).orElse(false),
          "staff see the decoded ticket: event, seat, holder " + hanako.name());
    }
  }

  private static void revoked(DemoRun run) throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    buy(run, hanako);
    try (GateStation gate = gate(run, "GATE-A", run.branch().center().baseUri().toString())) {
      try (GateStation stale = gate(run, "GATE-S", null).with("gate.revocationMaxAge", "PT0S")) {
        run.check(
            refused(stale.present(hanako), Refusal.STALE_REVOCATION_LIST),
            "a gate whose list is older than its limit (here 0 s) refuses every ticket");
      }
      JsonNode lost = new GateCenterCalls(run.branch()).reportLost("hanako01", "482700", hanako);
      run.out().println("  [center] card " + hanako.cardId() + " reported lost: " + lost);
      gate.sync();
      run.check(
          refused(gate.present(hanako), Refusal.CARD_REVOKED),
          "the lost card is refused from the signed revocation list");
    }
  }

  private static void copied(DemoRun run) throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    buy(run, hanako);
    try (GateStation gate = gate(run, "GATE-A", null)) {
      Path copy = copyThroughReader(run, gate, hanako);
      run.check(
          refused(gate.present(copy, "someone with a copy"), Refusal.COPIED_CARD),
          "the copy is refused: no answer to INTERNAL AUTHENTICATE");
      run.check(gate.present(hanako).admitted(), "the genuine card enters");
    }
  }

  /** What anyone with a reader/writer and a blank card can do: chip area and records copied. */
  private static Path copyThroughReader(DemoRun run, GateStation gate, Branch.Customer c)
      throws Exception {
    SimulatedCardSlots.Slot slot = SimulatedCardSlots.slot(gate.slotName());
    ChipData chip;
    List<byte[]> records;
    slot.insert(run.branch().cardFile(c));
    try {
      chip = gate.reader().readChip();
      records = gate.reader().readWriteOnceArea();
    } finally {
      slot.remove();
    }
    Path copy = run.branch().dir().resolve("card-" + c.cardId() + "-copy.kic");
    CardImages.create(copy, chip);
    slot.insert(copy);
    try {
      for (byte[] r : records) {
        gate.reader().append(r);
      }
    } finally {
      slot.remove();
    }
    run.out()
        .println("  [copy] " + records.size() + " record(s) and the chip area copied to " + copy);
    return copy;
  }

  private static void usedTwice(DemoRun run) throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    buy(run, hanako);
    try (GateStation a = gate(run, "GATE-A", null);
        GateStation b = gate(run, "GATE-B", null)) {
      run.check(a.present(hanako).admitted(), "first entry at gate A");
      run.check(refused(a.present(hanako), Refusal.ALREADY_USED), "second entry at gate A refused");
      run.check(
          refused(b.present(hanako), Refusal.ALREADY_USED),
          "gate B, which never saw the first entry, reads the card's USED mark and refuses");
    }
  }

  private static void printed(DemoRun run) throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    EventSummary concert = concert(run);
    Seat seat = run.firstFreeSeat(concert.eventId());
    SessionOutcome bought =
        run.session(
            TicketingPlugin.DIRECT_PURCHASE,
            hanako,
            run.customer()
                .on("select-event", concert.eventId().value())
                .on("select-seat", seat.seatId().value())
                .on("choose-delivery", "print")
                .on("choose-payment", "transfer"));
    run.check(
        bought.result() == SessionOutcome.Result.COMPLETED,
        "ticket bought at the ATM and printed: " + bought.result());
    String ticket = bought.ticketNumber().orElse("-");
    List<Path> printed = run.printedTickets();
    run.check(printed.size() == 1, "one printed ticket out of the ATM: " + printed);
    Path paper = printed.get(0);
    try (GateStation a = gate(run, "GATE-A", null);
        GateStation b = gate(run, "GATE-B", null)) {
      GateResult first = a.presentPrinted(paper, hanako.name());
      run.check(
          first.admitted() && admits(first, ticket),
          "the printed ticket " + ticket + " is admitted offline: QR, issuer chain, signature");
      run.check(
          refused(a.presentPrinted(paper, hanako.name()), Refusal.ALREADY_USED),
          "the same paper again at gate A is refused from the gate's store");
      byte[] code = TicketFiles.read(paper);
      SignedDocument genuine = TicketCode.decode(code);
      byte[] forgedPayload = genuine.payload();
      forgedPayload[forgedPayload.length / 2] ^= 0x01;
      SignedDocument forged =
          new SignedDocument(
              forgedPayload, genuine.signature(), genuine.keyId(), genuine.algorithm());
      run.check(
          !b.presentCode(
                  TicketCode.encode(forged).getBytes(StandardCharsets.US_ASCII),
                  "someone shows a ticket whose code was altered")
              .admitted(),
          "an altered code is refused: the issuer's signature does not hold");
    }
  }

  private static void online(DemoRun run) throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    String first = buy(run, hanako);
    String companion = buy(run, hanako);
    String center = run.branch().center().baseUri().toString();
    GateCenterCalls calls = new GateCenterCalls(run.branch());
    GateStation a = gate(run, "GATE-A", GateStation.UNREACHABLE);
    try (GateStation b = gate(run, "GATE-B", center)) {
      GateResult atA = a.present(hanako);
      run.check(
          atA.admitted() && !atA.online() && admits(atA, first),
          "center unreachable: gate A admits ticket " + first + " offline");
      run.check(
          verdict(calls.ticketRecord(first, hanako.cardId())).equals("VALID"),
          "the issuer's record does not know of that entry yet");
      a = a.relink(center);
      a.sync();
      JsonNode record = calls.ticketRecord(first, hanako.cardId());
      run.check(
          verdict(record).equals("USED") && record.path("gateId").asText().equals("GATE-A"),
          "after gate A's sync the issuer's record says USED at GATE-A");
      GateResult atB = b.present(hanako);
      run.check(
          atB.admitted() && atB.online() && admits(atB, companion),
          "gate B admits the card's other ticket " + companion + " with the issuer");
      run.check(
          calls.ticketRecord(companion, hanako.cardId()).path("gateId").asText().equals("GATE-B"),
          "the issuer's record has that entry at GATE-B");
      run.check(
          refused(b.present(hanako), Refusal.ALREADY_USED),
          "presented again at gate B: both tickets used");
    } finally {
      a.close();
    }
  }

  /**
   * S2 ¶38: the issuer's local server is the authority on the cards of its tickets. It flags a card
   * the center never heard was lost; the center asks it at the gate and at the next sale.
   */
  private static void issuerInvalidated(DemoRun run) throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    String ticket = buy(run, hanako);
    String issuer = concert(run).issuerId().value();
    run.branch().issuers().invalidate(issuer, hanako.cardId(), "stolen card reported by phone");
    run.out()
        .println(
            "  [issuer] " + issuer + " invalidates card " + hanako.cardId() + " on its server");
    run.check(
        run.branch().issuers().invalidated(issuer, hanako.cardId()),
        "the issuer's own records flag the card");
    String center = run.branch().center().baseUri().toString();
    try (GateStation gate = gate(run, "GATE-B", center)) {
      GateResult r = gate.present(hanako);
      run.check(
          !r.admitted() && r.online() && refused(r, Refusal.TICKET_VOIDED),
          "an online gate refuses ticket "
              + ticket
              + " on the center's word from the issuer: "
              + r.refusal()
              + " "
              + r.detail());
    }
    long before = run.balance(hanako.account());
    EventSummary concert = concert(run);
    Seat seat = run.firstFreeSeat(concert.eventId());
    ScriptedCustomer script =
        run.customer()
            .on("select-event", concert.eventId().value())
            .on("select-seat", seat.seatId().value())
            .on("choose-payment", "transfer");
    SessionOutcome refused = run.session(hanako, script);
    run.check(
        refused.result() == SessionOutcome.Result.CANCELLED
            && refused.ticketNumber().isEmpty()
            && script.screenIds().contains("card-refused"),
        "a new ticket onto the card is refused, and she is told why: "
            + refused.result()
            + " "
            + refused.detail());
    run.check(
        run.balance(hanako.account()) == before,
        "her account is not debited: " + before + " yen before and after");
    run.check(
        run.status(concert.eventId(), seat) == Seat.Status.AVAILABLE,
        "seat " + seat.seatId() + " is still free");
  }

  private static boolean admits(GateResult r, String ticket) {
    return r.ticket().map(t -> t.ticketNumber().equals(ticket)).orElse(false);
  }

  private static String verdict(JsonNode record) {
    return record.path("verdict").asText();
  }
}
