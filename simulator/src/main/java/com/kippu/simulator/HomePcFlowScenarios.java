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

/**
 * The other flows a home PC runs (F13, S2 ¶46, ¶53), each after the user logged in: reserve onto
 * the card in the PC's reader and pay later (F1, then F3: the ticket written to the same card; a PC
 * prints no tickets, so F2 is not offered there).
 */
final class HomePcFlowScenarios {
  private HomePcFlowScenarios() {}

  static List<DemoScenario> all() {
    return List.of(new ReserveAndPay(), new CardPurchase());
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
              .on("online-banking-pin", UserScenarios.typesPin(branch, pin));
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
      HomePcChecks.paidThroughCenter(run, paid, "online-banking", "bank");
      List<JsonNode> sales = HomePcChecks.promoterSales(run, hanako.cardId(), "ACCOUNT_TRANSFER");
      run.check(
          sales.size() == 1
              && number.equals(sales.get(0).path("reservationNumber").asText())
              && sales.get(0).path("amountYen").asLong() == price,
          "the issuer's outbox holds the sale of reservation " + number);
      run.writeCardView(hanako);
    }
  }

  /**
   * F7 at home: an event ticket browsed down the issuers' hierarchy and bought onto the card in the
   * PC's reader, paid with the registered card. A PC has no card stocker and no card printer: only
   * the user's own card is offered, its face is left as it is (the ticket's text is on the receipt
   * and on the card's data); a prepaid card is one the operator sent, activated in the reader
   * ({@link HomePcCardValueScenarios.Activation}).
   */
  static final class CardPurchase implements DemoScenario {
    @Override
    public String name() {
      return "home-pc-card-purchase";
    }

    @Override
    public String title() {
      return "home PC: a registered user buys an event ticket kiosk-style (F7) onto her own card"
          + " in the PC's reader, paid with her registered card; no stocker, no face printed;"
          + " then recalls her cards with user id and PIN (F12)";
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
      com.kippu.atm.center.EventId concert = new com.kippu.atm.center.EventId(KioskIssuers.CONCERT);
      Seat seat = run.firstFreeSeat(concert);
      long credit = KioskScenarios.creditLeft(run);
      long bank = run.balance(hanako.account());
      java.nio.file.Path face =
          branch.cardFile(hanako).resolveSibling(hanako.cardId() + ".card.face.png");

      run.heading("at home: log in, a concert ticket browsed genre > artist > date, onto her card");
      ScriptedCustomer script =
          HomePcScenarios.loggedIn(run.customer())
              .on("choose-card-type", "EVENT_TICKET")
              .on("select-genre", "コンサート")
              .on("select-artist", "深田聖子")
              .on("select-date-venue", KioskIssuers.CONCERT)
              .on("select-seat", seat.seatId().value())
              .on("confirm-purchase", "confirm")
              .on("choose-card", "own")
              .on("choose-payment", "stored-card")
              .on("confirm-stored-card", "confirm");
      SessionOutcome bought = run.session(TicketingPlugin.KIOSK_PURCHASE, hanako, script, pin);
      List<String> types = choices(script, "choose-card-type");
      List<String> cards = choices(script, "choose-card");
      run.out().println("  [menu] card types " + types + ", cards " + cards);
      run.check(
          types.containsAll(List.of("EVENT_TICKET", "COMMUTER_PASS", "PREPAID")),
          "event tickets, passes and prepaid cards (onto one the operator sent) on sale");
      run.check(
          cards.contains("own") && !cards.contains("new"),
          "only her own card is offered: a PC has no card stocker");
      run.check(
          bought.result() == SessionOutcome.Result.COMPLETED,
          "session completed: " + bought.result() + " " + bought.detail());
      run.check(run.status(concert, seat) == Seat.Status.SOLD, "seat " + seat.seatId() + " sold");
      run.check(
          KioskScenarios.creditLeft(run) == credit - seat.price().yen()
              && run.balance(hanako.account()) == bank,
          "her registered card was charged " + seat.price().yen() + " yen, her account untouched");
      run.check(
          !java.nio.file.Files.exists(face), "her card keeps its face: nothing printed on it");
      HomePcChecks.paidThroughCenter(run, bought, "stored-card", "card host");
      List<JsonNode> sales =
          KioskScenarios.outbox(run, KioskIssuers.PROMOTER).stream()
              .filter(m -> hanako.cardId().equals(m.path("cardId").asText()))
              .filter(m -> "CREDIT_CARD".equals(m.path("paymentMethod").asText()))
              .filter(m -> "KIPPU-CENTER".equals(m.path("paymentAcquirer").asText()))
              .toList();
      run.check(
          sales.size() == 1 && sales.get(0).path("amountYen").asLong() == seat.price().yen(),
          "the promoter's outbox holds the sale onto her card, acquired by the center");
      run.writeCardView(hanako);

      run.heading("F12 at home: her user id and PIN recall the cards recorded under her");
      ScriptedCustomer recall =
          run.customer()
              .on("user-id", s -> com.kippu.atm.spi.Answer.entered(Branch.HOME_USER))
              .on("user-pin", UserScenarios.typesPin(branch, Branch.HOME_USER_PIN))
              .on("recall", "done");
      SessionOutcome recalled =
          run.session(TicketingPlugin.RECALL, hanako, recall, Branch.HOME_USER_PIN);
      String shown =
          recall.transcript().stream()
              .filter(s -> s.id().equals("recall"))
              .map(s -> s.lines().toString())
              .findFirst()
              .orElse("");
      run.check(
          recalled.result() == SessionOutcome.Result.COMPLETED
              && shown.contains(hanako.cardId())
              && shown.contains(bought.ticketNumber().orElse("?")),
          "recall shows the ticket bought at home and the card in the PC's reader, recorded under "
              + Branch.HOME_USER
              + " when she logged in");
    }
  }

  /** The choice keys of the first screen {@code id} the customer saw. */
  static List<String> choices(ScriptedCustomer script, String id) {
    return script.transcript().stream()
        .filter(s -> s.id().equals(id))
        .findFirst()
        .map(s -> s.choices().stream().map(c -> c.key()).toList())
        .orElse(List.of());
  }
}
