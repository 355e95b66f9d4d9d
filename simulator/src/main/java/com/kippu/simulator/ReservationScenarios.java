package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.card.CardId;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Reservation;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.Signatures;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.internal.DocumentParser;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.devices.sim.SimulatedPaper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Reserve now, pay later (F1-F4): a reservation written to the card, paid at a later visit with the
 * ticket printed or written to the card, refused once expired, and a ticket printer that runs out
 * of paper mid-ticket.
 */
final class ReservationScenarios {
  private ReservationScenarios() {}

  static List<DemoScenario> all() {
    return List.of(
        scenario(
            "reserve-to-card",
            "F1: conditions changed once, a reservation to pay later written to the card",
            ReservationScenarios::reserveToCard),
        scenario(
            "pay-reservation-printed",
            "F2/F4: reserved one day, paid the next at the same terminal, the ticket printed",
            run -> payReservation(run, "print")),
        scenario(
            "pay-reservation-to-card",
            "F3: a reservation on the card paid, the ticket written to the card",
            run -> payReservation(run, "card")),
        scenario(
            "reservation-expired",
            "a reservation past its payment deadline is refused with a clear screen, nothing moved",
            ReservationScenarios::expired),
        scenario(
            "ticket-paper-out",
            "paper out mid-ticket: the print is voided, the replacement printed once paper is in",
            ReservationScenarios::paperOut));
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

  /** What a reservation visit left: its number, the seat and the session. */
  record Reserved(String number, Seat seat, EventSummary event, SessionOutcome outcome) {}

  /** Hanako reserves the first free seat; with {@code changeOnce} she first changes her mind. */
  static Reserved reserve(DemoRun run, Branch.Customer c, boolean changeOnce) throws Exception {
    EventSummary event = run.branch().plugin().center().events().get(0);
    List<Seat> free =
        run.branch().plugin().center().seats(event.eventId()).stream()
            .filter(Seat::available)
            .toList();
    Seat first = free.get(0);
    Seat chosen = changeOnce ? free.get(1) : first;
    ScriptedCustomer script = run.customer().on("select-event", event.eventId().value());
    if (changeOnce) {
      script
          .on("select-seat", first.seatId().value())
          .on("confirm-reservation", "change")
          .on("select-event", event.eventId().value());
    }
    script.on("select-seat", chosen.seatId().value()).on("confirm-reservation", "keep");
    SessionOutcome outcome = run.session(TicketingPlugin.RESERVE_TO_CARD, c, script);
    run.check(
        outcome.result() == SessionOutcome.Result.COMPLETED,
        "reservation session completed: " + outcome.result() + " " + outcome.detail());
    String number =
        lastFact(run, outcome, "reservation")
            .orElseThrow(() -> new IllegalStateException("no reservation journaled"));
    if (changeOnce) {
      run.check(
          run.status(event.eventId(), first) == Seat.Status.AVAILABLE,
          "conditions changed: the first seat " + first.seatId() + " released");
    }
    return new Reserved(number, chosen, event, outcome);
  }

  private static void reserveToCard(DemoRun run) throws Exception {
    Branch branch = run.branch();
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    long before = run.balance(hanako.account());
    Reserved r = reserve(run, hanako, true);
    run.check(
        run.status(r.event().eventId(), r.seat()) == Seat.Status.HELD,
        "seat " + r.seat().seatId() + " held for the reservation");
    JsonNode atCenter = run.reservationAtCenter(r.number());
    run.out().println("  [center] reservation " + r.number() + ": " + atCenter);
    run.check("HELD".equals(atCenter.path("status").asText()), "center: reservation held");
    run.check(run.balance(hanako.account()) == before, "nothing paid");
    List<SignedDocument> onCard = reservationsOnCard(run, hanako);
    run.check(onCard.size() == 1, "one RESERVATION record on card " + hanako.cardId());
    Reservation read = DocumentParser.reservation(onCard.get(0));
    run.check(
        read.number().value().equals(r.number())
            && read.cardId().equals(new CardId(hanako.cardId()))
            && Signatures.verify(
                onCard.get(0), branch.plugin().center().issuerKey(read.issuerId())),
        "record on card: reservation "
            + read.number()
            + " for this card, issuer signature verified, pay "
            + read.amount()
            + " by "
            + read.expiresAt());
    run.check(
        Duration.between(branch.clock().instant(), read.expiresAt()).toHours() > 24,
        "payment deadline days ahead, not a short hold");
    List<JournalEntry> journal =
        branch.plugin().journal().entries(new SessionId(r.outcome().sessionId()));
    run.check(
        journal.stream()
            .anyMatch(
                e ->
                    "true".equals(e.facts().get("reservationOnCard"))
                        && "true".equals(e.facts().get("payLater"))),
        "journal: a pay-later reservation, on the card");
    run.check(
        run.latestReceipt().map(ReservationScenarios::read).orElse("").contains("NOT YET PAID"),
        "reservation slip printed");
  }

  private static void payReservation(DemoRun run, String delivery) throws Exception {
    Branch branch = run.branch();
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    Reserved r = reserve(run, hanako, false);
    run.advanceClock(Duration.ofDays(1));
    long before = run.balance(hanako.account());
    long issuerBefore = run.balance(Branch.ISSUER_ACCOUNT);
    SessionOutcome paid =
        run.session(
            TicketingPlugin.PAY_RESERVATION,
            hanako,
            run.customer()
                .on("choose-reservation", r.number())
                .on("choose-delivery", delivery)
                .on("choose-payment", "transfer"));
    run.check(
        paid.result() == SessionOutcome.Result.COMPLETED,
        "payment session completed: " + paid.result() + " " + paid.detail());
    long price = r.seat().price().yen();
    run.check(run.balance(hanako.account()) == before - price, "customer debited once: " + price);
    run.check(
        run.balance(Branch.ISSUER_ACCOUNT) == issuerBefore + price,
        "issuer credited once: " + price);
    run.check(
        run.status(r.event().eventId(), r.seat()) == Seat.Status.SOLD,
        "seat " + r.seat().seatId() + " sold");
    JsonNode atCenter = run.reservationAtCenter(r.number());
    run.check(
        "ISSUED".equals(atCenter.path("status").asText())
            && atCenter.path("ticketNumber").asText().equals(paid.ticketNumber().orElse("")),
        "center: reservation issued as ticket " + paid.ticketNumber().orElse("-"));
    String receipt = run.latestReceipt().map(ReservationScenarios::read).orElse("");
    if (delivery.equals("print")) {
      List<Path> printed = run.printedTickets();
      run.check(printed.size() == 1, "one ticket printed: " + printed);
      PrintedTicketScan.Scanned scanned =
          PrintedTicketScan.scan(printed.get(0), branch.plugin().center());
      run.out().println("  [ticket] " + printed.get(0) + " scanned: " + scanned.ticket());
      run.check(
          scanned.signatureValid()
              && scanned.ticket().ticketNumber().equals(paid.ticketNumber().orElse("")),
          "printed QR code decodes to the signed ticket, issuer signature verified");
      run.check(receipt.contains("TICKET PRINTED SEPARATELY"), "receipt printed separately");
      run.check(ticketsOnCard(run, hanako) == 0, "no ticket written to the card");
    } else {
      run.writeCardView(hanako);
      run.check(run.printedTickets().isEmpty(), "no ticket printed");
      run.check(receipt.contains("TICKET WRITTEN TO IC CARD"), "receipt printed");
    }
    run.heading("the same reservation again, now paid");
    long after = run.balance(hanako.account());
    ScriptedCustomer again =
        run.customer().on("choose-reservation", r.number()).on("choose-reservation", "cancel");
    run.session(TicketingPlugin.PAY_RESERVATION, hanako, again);
    run.check(
        again.screenIds().contains("reservation-refused"),
        "an already paid reservation is refused with a clear screen");
    run.check(run.balance(hanako.account()) == after, "no money moved");
  }

  private static void expired(DemoRun run) throws Exception {
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    Reserved r = reserve(run, hanako, false);
    run.advanceClock(Duration.ofDays(4));
    long before = run.balance(hanako.account());
    long issuerBefore = run.balance(Branch.ISSUER_ACCOUNT);
    ScriptedCustomer script =
        run.customer().on("choose-reservation", r.number()).on("choose-reservation", "cancel");
    SessionOutcome outcome = run.session(TicketingPlugin.PAY_RESERVATION, hanako, script);
    run.check(
        outcome.result() == SessionOutcome.Result.CANCELLED,
        "session ended without payment: " + outcome.result());
    run.check(
        script.screenIds().contains("reservation-refused")
            && !script.screenIds().contains("choose-payment"),
        "expired reservation refused before any choice of payment");
    run.check(
        script.transcript().stream()
            .filter(s -> s.id().equals("reservation-refused"))
            .anyMatch(s -> s.body().get(0).key().equals("reservation-refused.EXPIRED")),
        "the screen says it expired");
    run.check(run.balance(hanako.account()) == before, "customer account untouched");
    run.check(run.balance(Branch.ISSUER_ACCOUNT) == issuerBefore, "issuer account untouched");
    JsonNode atCenter = run.reservationAtCenter(r.number());
    run.check(
        "EXPIRED".equals(atCenter.path("status").asText()),
        "center: reservation " + r.number() + " " + atCenter.path("status").asText());
  }

  private static void paperOut(DemoRun run) throws Exception {
    Branch branch = run.branch();
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    Reserved r = reserve(run, hanako, false);
    long before = run.balance(hanako.account());
    SimulatedPaper.Roll roll =
        SimulatedPaper.roll(branch.unitName(SimulatedDevices.TICKET_PRINTER));
    roll.load(6, 2);
    run.out().println("  [printer] ticket roll loaded with 6 lines: it runs out mid-ticket");
    ScriptedCustomer script =
        run.customer()
            .on("choose-reservation", r.number())
            .on("choose-delivery", "print")
            .on("choose-payment", "transfer")
            .on(
                "ticket-print-failed",
                screen -> {
                  run.out().println("    (staff reload the ticket paper)");
                  roll.replenish();
                  return Answer.chose("print");
                });
    SessionOutcome paid = run.session(TicketingPlugin.PAY_RESERVATION, hanako, script);
    run.check(
        paid.result() == SessionOutcome.Result.COMPLETED,
        "session completed: " + paid.result() + " " + paid.detail());
    run.check(script.screenIds().contains("ticket-print-failed"), "paper out shown");
    run.check(
        run.balance(hanako.account()) == before - r.seat().price().yen(), "customer debited once");
    List<Path> printed = run.printedTickets();
    run.check(printed.size() == 1, "one ticket out of the printer: " + printed);
    PrintedTicketScan.Scanned scanned =
        PrintedTicketScan.scan(printed.get(0), branch.plugin().center());
    String voided = scanned.replaces();
    run.out().println("  [ticket] " + scanned.ticket().ticketNumber() + " replaces " + voided);
    run.check(
        scanned.signatureValid()
            && !voided.isEmpty()
            && scanned.ticket().ticketNumber().equals(paid.ticketNumber().orElse("")),
        "the printed ticket is the signed replacement of " + voided);
    JsonNode revocations = revocations(branch);
    boolean revoked = false;
    for (JsonNode e : revocations.path("entries")) {
      revoked |=
          "TICKET".equals(e.path("kind").asText()) && voided.equals(e.path("subject").asText());
    }
    run.check(revoked, "the unfinished ticket " + voided + " is on the signed revocation list");
    List<JournalEntry> journal = branch.plugin().journal().entries(new SessionId(paid.sessionId()));
    run.check(
        journal.stream().anyMatch(e -> e.state().equals("deliver-ticket.replaced")),
        "journal: the replacement recorded before it was printed");
  }

  private static JsonNode revocations(Branch branch) throws Exception {
    URI uri = branch.center().baseUri().resolve("/v1/revocations");
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    ObjectMapper json = new ObjectMapper();
    JsonNode signed = json.readTree(response.body()).path("signedList");
    return json.readTree(java.util.Base64.getDecoder().decode(signed.path("payload").asText()));
  }

  static List<SignedDocument> reservationsOnCard(DemoRun run, Branch.Customer c) throws Exception {
    Branch branch = run.branch();
    branch.insertCard(c);
    try {
      return branch.plugin().reservations().read(branch.plugin().card(), new CardId(c.cardId()));
    } finally {
      branch.removeCard();
    }
  }

  static int ticketsOnCard(DemoRun run, Branch.Customer c) throws Exception {
    Branch branch = run.branch();
    branch.insertCard(c);
    try {
      return com.kippu.atm.card.TicketCard.tickets(
              branch.plugin().tickets().read(branch.plugin().card(), new CardId(c.cardId())))
          .size();
    } finally {
      branch.removeCard();
    }
  }

  static java.util.Optional<String> lastFact(DemoRun run, SessionOutcome outcome, String key) {
    return run.branch().plugin().journal().entries(new SessionId(outcome.sessionId())).stream()
        .map(e -> e.facts().get(key))
        .filter(v -> v != null)
        .reduce((a, b) -> b);
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (java.io.IOException e) {
      return "";
    }
  }
}
