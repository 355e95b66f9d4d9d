package com.kippu.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.atm.spi.TerminalProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The other flows a home PC runs (F13, S2 ¶46, ¶53), each after the user logged in: reserve onto
 * the card in the PC's reader and pay later (F1, then F3: the ticket written to the same card; a PC
 * prints no tickets, so F2 is not offered there).
 */
final class HomePcFlowScenarios {
  private HomePcFlowScenarios() {}

  static List<DemoScenario> all() {
    return List.of(new ReserveAndPay());
  }

  /** The reservation as the center reports it, asked over the home PC's TLS link. */
  static JsonNode reservation(DemoRun run, String number) throws Exception {
    CenterCalls.Answer a =
        new CenterCalls(run.branch()).getAsTerminal("/v1/reservations/" + number);
    return a.status() == 200 ? a.body() : CenterCalls.JSON.createObjectNode();
  }

  /** F1 then F3 at home: a reservation onto her card, paid a day later by online banking. */
  static final class ReserveAndPay implements DemoScenario {
    @Override
    public String name() {
      return "home-pc-reserve-and-pay";
    }

    @Override
    public String title() {
      return "home PC: a registered user reserves onto her card (F1) and a day later pays it by"
          + " online banking, the ticket written to the same card (F3)";
    }

    @Override
    public TerminalProfile.Kind kind() {
      return TerminalProfile.Kind.HOME_PC;
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      String pin = Branch.demoPin(hanako);
      HomePcScenarios.registerAtBranch(run);
      EventSummary concert = branch.plugin().center().events().get(0);
      Seat seat = run.firstFreeSeat(concert.eventId());
      long bank = run.balance(hanako.account());
      long issuer = run.balance(Branch.ISSUER_ACCOUNT);

      run.heading("F1 at home: log in, choose a seat, the reservation written onto her card");
      ScriptedCustomer reserving =
          HomePcScenarios.loggedIn(run.customer())
              .on("select-event", concert.eventId().value())
              .on("select-seat", seat.seatId().value())
              .on("confirm-reservation", "keep");
      SessionOutcome reserved =
          run.session(TicketingPlugin.RESERVE_TO_CARD, hanako, reserving, pin);
      run.check(
          reserved.result() == SessionOutcome.Result.COMPLETED,
          "reservation session completed: " + reserved.result() + " " + reserved.detail());
      String number =
          ReservationScenarios.lastFact(run, reserved, "reservation")
              .orElseThrow(() -> new IllegalStateException("no reservation journaled"));
      run.check(
          run.status(concert.eventId(), seat) == Seat.Status.HELD,
          "seat " + seat.seatId() + " held for reservation " + number);
      run.check(
          "HELD".equals(reservation(run, number).path("status").asText()),
          "center: reservation held");
      run.check(
          ReservationScenarios.reservationsOnCard(run, hanako).size() == 1,
          "one reservation record on her card, written by the PC's reader/writer");
      run.check(run.balance(hanako.account()) == bank, "nothing paid yet");

      run.advanceClock(Duration.ofDays(1));
      run.heading("F3 a day later at home: the reservation on her card paid by online banking");
      ScriptedCustomer paying =
          HomePcScenarios.loggedIn(run.customer())
              .on("choose-reservation", number)
              .on("choose-delivery", "card")
              .on("choose-payment", "online-banking")
              .on("online-banking-pin", s -> com.kippu.atm.spi.Answer.chose(pin));
      SessionOutcome paid = run.session(TicketingPlugin.PAY_RESERVATION, hanako, paying, pin);
      List<String> deliveries =
          paying.transcript().stream()
              .filter(s -> s.id().equals("choose-delivery"))
              .findFirst()
              .map(s -> s.choices().stream().map(c -> c.key()).toList())
              .orElse(List.of("card"));
      run.check(
          !deliveries.contains("print"),
          "no printed ticket offered: a PC has no ticket printer (" + deliveries + ")");
      run.check(
          paid.result() == SessionOutcome.Result.COMPLETED,
          "payment session completed: " + paid.result() + " " + paid.detail());
      long price = seat.price().yen();
      run.check(
          run.balance(hanako.account()) == bank - price
              && run.balance(Branch.ISSUER_ACCOUNT) == issuer + price,
          "her account paid " + price + " yen once, straight to the issuer's account");
      run.check(run.status(concert.eventId(), seat) == Seat.Status.SOLD, "seat sold");
      JsonNode atCenter = reservation(run, number);
      run.check(
          "ISSUED".equals(atCenter.path("status").asText())
              && atCenter.path("ticketNumber").asText().equals(paid.ticketNumber().orElse("")),
          "center: reservation issued as ticket " + paid.ticketNumber().orElse("-"));
      Map<String, String> facts = HomePcChecks.lastFacts(run, paid);
      run.check(
          "online-banking".equals(facts.get("method")),
          "journal: paid by online-banking, ended " + HomePcChecks.lastState(run, paid));
      run.check(
          "APPROVED"
              .equals(
                  HomePcChecks.homePayment(run, facts.getOrDefault("payment", ""))
                      .path("status")
                      .asText()),
          "the center recorded the bank's approval");
      List<JsonNode> sales = HomePcChecks.promoterSales(run, hanako.cardId(), "ACCOUNT_TRANSFER");
      run.check(
          sales.size() == 1
              && number.equals(sales.get(0).path("reservationNumber").asText())
              && sales.get(0).path("amountYen").asLong() == price,
          "the issuer's outbox holds the sale of reservation " + number);
      run.writeCardView(hanako);
    }
  }
}
