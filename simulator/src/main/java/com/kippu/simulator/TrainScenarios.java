package com.kippu.simulator;

import com.kippu.atm.TicketingPlugin;
import com.kippu.atm.card.CardId;
import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.center.Seat;
import com.kippu.atm.center.Seating;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.center.internal.DocumentParser;
import com.kippu.atm.spi.Screen;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.atm.spi.SessionOutcome;
import com.kippu.gate.GateResult;
import java.time.Duration;
import java.util.List;

/**
 * A railway reserved seat (S1 ¶1-3: train, date, car, seat): reserved to the card one day (F1),
 * paid and written to the card the next (F3), and let through the station's ticket gate, the seat
 * named by car and letter all the way.
 */
final class TrainScenarios {
  private static final String SEAT = "7-3-4";
  private static final String SEAT_EN = "Car 7 Row 3 Seat D";
  private static final String SEAT_JA = "7号車 3番D席";

  private TrainScenarios() {}

  static List<DemoScenario> all() {
    return List.of(
        new DemoScenario() {
          @Override
          public String name() {
            return "reserve-train-seat";
          }

          @Override
          public String title() {
            return "F1/F3: a train seat (car 7, seat D) reserved to the card, paid the next day,"
                + " and let through the ticket gate";
          }

          @Override
          public void play(DemoRun run) throws Exception {
            trainSeat(run);
          }
        });
  }

  private static boolean names(ScriptedCustomer script, String screen, String seat) {
    return script.transcript().stream()
        .filter(s -> s.id().equals(screen))
        .flatMap(TrainScenarios::texts)
        .anyMatch(t -> t.contains(seat));
  }

  private static java.util.stream.Stream<String> texts(Screen s) {
    return java.util.stream.Stream.concat(
        s.lines().stream(), s.choices().stream().map(Screen.Choice::label));
  }

  private static void trainSeat(DemoRun run) throws Exception {
    Branch branch = run.branch();
    Branch.Customer hanako = Branch.CUSTOMERS.get(0);
    EventSummary train =
        branch.plugin().center().events().stream()
            .filter(e -> Seating.ofGenre(e.genre()) == Seating.CAR)
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the center lists no train"));
    Seat seat =
        branch.plugin().center().seats(train.eventId()).stream()
            .filter(s -> s.seatId().value().equals(SEAT))
            .findFirst()
            .orElseThrow();
    run.out().println("  [center] train " + train.title() + " on " + train.startsAt());

    ScriptedCustomer reserving =
        run.customer()
            .on("select-event", train.eventId().value())
            .on("select-seat", SEAT)
            .on("confirm-reservation", "keep");
    SessionOutcome reserved = run.session(TicketingPlugin.RESERVE_TO_CARD, hanako, reserving);
    run.check(
        reserved.result() == SessionOutcome.Result.COMPLETED,
        "train seat reserved to the card: " + reserved.result() + " " + reserved.detail());
    run.check(
        names(reserving, "select-seat", SEAT_JA) || names(reserving, "select-seat", SEAT_EN),
        "the seat map names seats by car and letter (" + SEAT_JA + ")");
    run.check(run.status(train.eventId(), seat) == Seat.Status.HELD, "seat " + SEAT + " held");
    String number = ReservationScenarios.lastFact(run, reserved, "reservation").orElseThrow();
    run.check(
        run.latestReceipt().map(ReservationScenarios::read).orElse("").contains(SEAT_EN),
        "the reservation slip says " + SEAT_EN);

    run.advanceClock(Duration.ofDays(1));
    long before = run.balance(hanako.account());
    long railwayBefore = run.balance(Branch.RAILWAY_ACCOUNT);
    ScriptedCustomer paying =
        run.customer()
            .on("choose-reservation", number)
            .on("choose-delivery", "card")
            .on("choose-payment", "transfer");
    SessionOutcome paid = run.session(TicketingPlugin.PAY_RESERVATION, hanako, paying);
    run.check(
        paid.result() == SessionOutcome.Result.COMPLETED,
        "paid the next day, ticket to the card: " + paid.result() + " " + paid.detail());
    long price = seat.price().yen();
    run.check(run.balance(hanako.account()) == before - price, "customer debited once: " + price);
    run.check(
        run.balance(Branch.RAILWAY_ACCOUNT) == railwayBefore + price,
        "the railway's own account credited: " + price);
    run.check(
        names(paying, "choose-payment", SEAT_JA) || names(paying, "choose-payment", SEAT_EN),
        "the payment screen names the seat by car");
    run.check(run.status(train.eventId(), seat) == Seat.Status.SOLD, "seat " + SEAT + " sold");
    Ticket ticket = ticketOnCard(run, hanako, paid.ticketNumber().orElse("-"));
    ReservedSeat onTicket = ticket.seats().get(0);
    run.check(
        onTicket.seating() == Seating.CAR && onTicket.label().equals(SEAT_EN),
        "the signed ticket on the card names " + onTicket.label());

    GateStation installed =
        GateStation.install(
            branch, "GATE-T1", train, branch.center().baseUri().toString(), run.out());
    installed.sync();
    try (GateStation gate = installed.relink(null)) {
      GateResult r = gate.present(hanako);
      run.check(
          r.admitted()
              && r.staffView(gate.gate().config().policy().zone()).stream()
                  .anyMatch(l -> l.contains(SEAT_EN)),
          "the station's ticket gate admits it offline and shows staff " + SEAT_EN);
    }
  }

  private static Ticket ticketOnCard(DemoRun run, Branch.Customer c, String number)
      throws Exception {
    Branch branch = run.branch();
    branch.insertCard(c);
    try {
      for (var signed :
          com.kippu.atm.card.TicketCard.tickets(
              branch.plugin().tickets().read(branch.plugin().card(), new CardId(c.cardId())))) {
        Ticket t = DocumentParser.ticket(signed);
        if (t.ticketNumber().equals(number)) {
          return t;
        }
      }
    } finally {
      branch.removeCard();
    }
    throw new IllegalStateException("ticket " + number + " is not on card " + c.cardId());
  }
}
