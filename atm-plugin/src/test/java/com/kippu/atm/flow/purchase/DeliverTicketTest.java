package com.kippu.atm.flow.purchase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.CardRecordCodec;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.TestCardAccess;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.parts.TicketPart.Delivery;
import com.kippu.atm.flow.print.DeliverTicket;
import com.kippu.atm.journal.FakeJournal;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.ticket.TicketPrintException;
import com.kippu.atm.ticket.TicketPrinter;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A paid ticket on a printer that runs out of paper mid-ticket: the unfinished print is voided and
 * replaced before anything else, and the replacement reaches the customer once.
 */
class DeliverTicketTest {
  private final Fakes.FakeBank bank = new Fakes.FakeBank();
  private final Fakes.FakeCard card =
      new Fakes.FakeCard(new ChipData(new CardId("KC-0001"), "Hanako", Fakes.CUSTOMER, 0));
  private final FakeJournal journal = new FakeJournal(TicketingPlugin.FINAL_STATES);
  private final TicketCard tickets =
      new TicketCard(new CardRecordCodec(new SecureRandom()), TestCardAccess.terminal("ATM00001"));
  private Fakes.FakeCenter center;
  private final Clock clock = Clock.fixed(Instant.EPOCH, ZoneOffset.UTC);
  private final List<String> printed = new ArrayList<>();

  @BeforeEach
  void setUp() throws Exception {
    center = new Fakes.FakeCenter();
  }

  /** A session that bought a ticket by F5 on the fakes, now to be delivered by print. */
  private PurchaseSession paidSession() {
    bank.balances.put(Fakes.CUSTOMER, 50_000L);
    bank.balances.put(Fakes.ISSUER, 0L);
    Fakes.flow(
            card,
            tickets,
            center,
            bank,
            new Fakes.FakePinPad(),
            new Fakes.FakePrinter(),
            new ScriptedCustomer()
                .on("select-event", "evt-1")
                .on("select-seat", "A-1-2")
                .on("choose-payment", "transfer"),
            journal,
            clock,
            Duration.ofSeconds(30))
        .run(new PurchaseSession(new SessionId("S0"), Fakes.TERMINAL));
    Ticket ticket = center.tickets.values().iterator().next();
    PurchaseSession s = new PurchaseSession(new SessionId("S1"), Fakes.TERMINAL);
    s.card().read(new ChipData(new CardId("KC-0001"), "Hanako", Fakes.CUSTOMER, 0));
    s.hold().granted(center.reservations.get(ticket.reservationNumber()), clock.instant());
    s.ticket().issued(ticket);
    s.ticket().deliverBy(Delivery.PRINT);
    return s;
  }

  private DeliverTicket deliver(TicketPrinter printer, ScriptedCustomer customer) {
    return new DeliverTicket(
        card,
        tickets,
        Optional.of(printer),
        center,
        customer,
        journal,
        "F2F3-pay-reservation",
        clock,
        ZoneOffset.UTC);
  }

  @Test
  void paperOutVoidsThePrintAndWritesItsReplacementToTheCard() throws Exception {
    PurchaseSession s = paidSession();
    String first = s.ticket().number().orElseThrow();
    DeliverTicket step =
        deliver(
            face -> {
              throw new TicketPrintException("paper out", null);
            },
            new ScriptedCustomer().on("ticket-print-failed", "card"));

    step.prepare(s);
    assertEquals(first, s.facts().get("ticketPrinting"), "the print is journaled as unconfirmed");
    Outcome outcome = step.run(s);

    assertEquals(Outcome.next(), outcome);
    assertEquals(first + "-R", s.ticket().number().orElseThrow());
    assertTrue(center.log.contains("center.replace " + first));
    List<SignedDocument> onCard = TicketCard.tickets(tickets.read(card, new CardId("KC-0001")));
    assertTrue(
        onCard.stream()
            .anyMatch(
                d ->
                    Arrays.equals(
                        d.payload(), s.ticket().ticket().orElseThrow().signed().payload())),
        "the replacement is on the card");
    JournalEntry replaced = last("S1");
    assertEquals("deliver-ticket.replaced", replaced.state());
    Map<String, String> facts = replaced.facts();
    assertEquals(first, facts.get("replacesTicket"));
    assertEquals("card", facts.get("delivery"));
    assertFalse(facts.containsKey("ticketPrinting"), "no print is left unconfirmed");
  }

  @Test
  void aReprintAfterPaperIsReloadedPrintsOnlyTheReplacement() throws Exception {
    PurchaseSession s = paidSession();
    String first = s.ticket().number().orElseThrow();
    boolean[] paper = {false};
    DeliverTicket step =
        deliver(
            face -> {
              if (!paper[0]) {
                throw new TicketPrintException("paper out", null);
              }
              printed.add(
                  face.lines().stream()
                      .filter(l -> l.startsWith("TICKET "))
                      .findFirst()
                      .orElseThrow());
            },
            new ScriptedCustomer()
                .on(
                    "ticket-print-failed",
                    screen -> {
                      paper[0] = true;
                      return com.kippu.atm.spi.Answer.chose("print");
                    }));

    step.prepare(s);
    assertEquals(Outcome.next(), step.run(s));

    assertEquals(List.of("TICKET " + first + "-R"), printed, "one ticket out: the replacement");
    assertTrue(s.ticket().isPrinted());
    assertEquals(first, last("S1").facts().get("replacesTicket"));
    assertEquals(first + "-R", last("S1").facts().get("ticketPrinting"));
  }

  private JournalEntry last(String session) {
    List<JournalEntry> entries = journal.entries(new SessionId(session));
    return entries.get(entries.size() - 1);
  }
}
