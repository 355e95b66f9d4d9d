package com.kippu.simulator;

import com.kippu.atm.center.EventSummary;
import com.kippu.atm.center.Seat;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.SessionOutcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Card payments swiped on the magnetic reader: a debit card with its PIN at the customer's bank (S2
 * ¶33-34), a credit card (S1 ¶113, S2 ¶27-29) and a prepaid card (S2 ¶30-32) at the card network.
 */
final class CardScenarios {
  private CardScenarios() {}

  static List<DemoScenario> all() {
    return List.of(
        new CardPurchase(AuthorizationRequest.Kind.DEBIT),
        new CardPurchase(AuthorizationRequest.Kind.CREDIT),
        new CardPurchase(AuthorizationRequest.Kind.PREPAID));
  }

  /** Hanako pays a seat with one of her cards; the money moves once, on that card's rail. */
  static final class CardPurchase implements DemoScenario {
    private final AuthorizationRequest.Kind kind;

    CardPurchase(AuthorizationRequest.Kind kind) {
      this.kind = kind;
    }

    @Override
    public String name() {
      return kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public String title() {
      return switch (kind) {
        case DEBIT -> "a debit card with its PIN pays the issuer's account at the bank (S2 ¶33)";
        case CREDIT -> "a credit card is authorized at the card network (S2 ¶27-29)";
        case PREPAID -> "a prepaid card's value pays at the card network (S2 ¶30-32)";
      };
    }

    @Override
    public void play(DemoRun run) throws Exception {
      Branch branch = run.branch();
      Branch.Customer hanako = Branch.CUSTOMERS.get(0);
      BranchCards.PaymentCard card = BranchCards.of(hanako, kind);
      long accountBefore = run.balance(hanako.account());
      long issuerBefore = run.balance(Branch.ISSUER_ACCOUNT);
      long cardBefore =
          kind == AuthorizationRequest.Kind.DEBIT ? 0 : branch.network().available(card.number());
      EventSummary concert = branch.plugin().center().events().get(0);
      Seat seat = run.firstFreeSeat(concert.eventId());
      long price = seat.price().yen();
      SessionOutcome bought =
          run.session(
              hanako,
              run.customer()
                  .on("select-event", concert.eventId().value())
                  .on("select-seat", seat.seatId().value())
                  .on("choose-payment", name())
                  .on(
                      "swipe-card",
                      screen -> {
                        run.out().println("    (swipes " + card.number().masked() + ")");
                        BranchCards.swipeAtNextRead(branch, card);
                        return Answer.cancel();
                      }));
      run.check(
          bought.result() == SessionOutcome.Result.COMPLETED,
          "session completed: " + bought.result() + " " + bought.detail());
      if (kind == AuthorizationRequest.Kind.DEBIT) {
        run.check(
            run.balance(hanako.account()) == accountBefore - price,
            "customer account debited by exactly " + seat.price());
        run.check(
            run.balance(Branch.ISSUER_ACCOUNT) == issuerBefore + price,
            "issuer account credited by exactly " + seat.price());
      } else {
        run.check(
            branch.network().available(card.number()) == cardBefore - price,
            "card " + card.number().masked() + " charged exactly " + seat.price());
        run.check(run.balance(hanako.account()) == accountBefore, "bank account untouched");
        run.check(
            run.balance(Branch.ISSUER_ACCOUNT) == issuerBefore,
            "issuer paid through settlement, not at the bank");
      }
      run.check(
          run.status(concert.eventId(), seat) == Seat.Status.SOLD,
          "seat " + seat.seatId() + " sold");
      run.writeCardView(hanako);
      Optional<Path> receipt = run.latestReceipt();
      run.check(receipt.isPresent(), "receipt printed");
      if (receipt.isPresent()) {
        String text = Files.readString(receipt.get());
        run.check(text.contains("PAID BY " + kind.name() + " CARD"), "receipt names the method");
        run.check(
            text.contains(card.number().masked()) && !text.contains(card.number().value()),
            "receipt shows the card masked");
      }
    }
  }
}
