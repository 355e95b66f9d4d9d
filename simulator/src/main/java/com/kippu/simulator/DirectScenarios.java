package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.journal.JournalEntry;
import com.kippu.atm.journal.SessionId;
import com.kippu.atm.spi.SessionOutcome;
import java.nio.file.Path;
import java.util.List;

/**
 * Direct purchase without a reservation (F6, S1 ¶108-110): the issuer quotes price and payee, the
 * customer pays, the center sells under the terminal's request number, and the ticket is printed or
 * written to the card.
 */
final class DirectScenarios {
  private DirectScenarios() {}

  static List<DemoScenario> all() {
    return List.of(
        scenario(
            "direct-printed",
            "F6: bought without reserving, paid by transfer to the quoted issuer account, printed",
            "print"),
        scenario(
            "direct-to-card",
            "F6: bought without reserving, the ticket written to the IC card",
            "card"));
  }

  private static DemoScenario scenario(String name, String title, String delivery) {
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
        buy(run, delivery);
      }
    };
  }

  private static void buy(DemoRun run, String delivery) throws Exception {
    Branch branch = run.branch();
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    EventSummary event = branch.plugin().center().events().get(0);
    Seat seat = run.firstFreeSeat(event.eventId());
    long before = run.balance(hanako.account());
    long issuerBefore = run.balance(Branch.ISSUER_ACCOUNT);
    SessionOutcome paid =
        run.session(
            TicketingPlugin.DIRECT_PURCHASE,
            hanako,
            run.customer()
                .on("select-event", event.eventId().value())
                .on("select-seat", seat.seatId().value())
                .on("choose-delivery", delivery)
                .on("choose-payment", "transfer"));
    run.check(
        paid.result() == SessionOutcome.Result.COMPLETED,
        "direct purchase completed: " + paid.result() + " " + paid.detail());
    long price = seat.price().yen();
    run.check(run.balance(hanako.account()) == before - price, "customer debited once: " + price);
    run.check(
        run.balance(Branch.ISSUER_ACCOUNT) == issuerBefore + price,
        "the quoted issuer account credited once: " + price);
    run.check(
        run.status(event.eventId(), seat) == Seat.Status.SOLD, "seat " + seat.seatId() + " sold");

    List<JournalEntry> journal = branch.plugin().journal().entries(new SessionId(paid.sessionId()));
    int paidAt = firstIndex(journal, "pay.begin");
    int reservedAt = -1;
    for (int i = 0; i < journal.size() && reservedAt < 0; i++) {
      reservedAt = journal.get(i).facts().containsKey("reservation") ? i : -1;
    }
    run.check(
        paidAt >= 0 && reservedAt > paidAt && firstIndex(journal, "hold-seats.begin") < 0,
        "journal: paid on the quote before any reservation existed, no hold asked for");
    JournalEntry last = journal.get(journal.size() - 1);
    String payee = last.facts().getOrDefault("issuerAccount", "");
    run.check(
        "true".equals(last.facts().get("directPurchase")) && payee.contains("***"),
        "journal: a direct purchase, the quoted payee kept masked (" + payee + ")");
    String reservation =
        ReservationScenarios.lastFact(run, paid, "reservation")
            .orElseThrow(() -> new IllegalStateException("no sale journaled"));
    JsonNode atCenter = run.reservationAtCenter(reservation);
    run.check(
        "ISSUED".equals(atCenter.path("status").asText())
            && atCenter.path("ticketNumber").asText().equals(paid.ticketNumber().orElse("")),
        "center: sold as reservation "
            + reservation
            + ", issued as ticket "
            + paid.ticketNumber().orElse("-"));

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
      run.check(
          ReservationScenarios.ticketsOnCard(run, hanako) == 0, "no ticket written to the card");
    } else {
      run.writeCardView(hanako);
      run.check(ReservationScenarios.ticketsOnCard(run, hanako) == 1, "the ticket is on the card");
      run.check(run.printedTickets().isEmpty(), "no ticket printed");
      run.check(receipt.contains("TICKET WRITTEN TO IC CARD"), "receipt printed");
    }
  }

  private static int firstIndex(List<JournalEntry> journal, String state) {
    for (int i = 0; i < journal.size(); i++) {
      if (journal.get(i).state().equals(state)) {
        return i;
      }
    }
    return -1;
  }
}
