package com.kippu.simulator.crash;

import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.spi.Answer;
import com.kippu.atm.spi.ScriptedCustomer;
import com.kippu.simulator.Branch;
import com.kippu.simulator.BranchCards;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/**
 * A credit or prepaid card swiped on the reader and authorized with a 0100 at the card network
 * (over the card network's route, with its own link state): the card company moves value between
 * the card's available amount (credit line left, prepaid value) and its authorizations, so their
 * sum is conserved, and a payment stands while its authorization is APPLIED. The money goes to the
 * operator through settlement, never through the bank: what the card lost is weighed as the
 * issuer's while the authorization stands.
 */
final class CardNetworkScenario implements CrashScenario {
  private final String name;
  private final Branch.Customer customer;
  private final BranchCards.PaymentCard card;
  private final String seat;

  private CardNetworkScenario(String name, AuthorizationRequest.Kind kind, String seat) {
    if (kind == AuthorizationRequest.Kind.DEBIT) {
      throw new IllegalArgumentException("a debit card is authorized by the bank host");
    }
    this.name = name;
    this.customer = Branch.CUSTOMERS.get(0);
    this.card = BranchCards.of(customer, kind);
    this.seat = seat;
  }

  /** Hanako buys seat {@code seat} (section A, 8,800 yen) with her card of {@code kind}. */
  static CardNetworkScenario buys(String name, AuthorizationRequest.Kind kind, String seat) {
    return new CardNetworkScenario(name, kind, seat);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Branch.Customer customer() {
    return customer;
  }

  @Override
  public ScriptedCustomer journey(Branch branch) {
    return new ScriptedCustomer()
        .on("select-event", TransferScenario.CONCERT)
        .on("select-seat", seat)
        .on("choose-payment", card.kind().name().toLowerCase(Locale.ROOT))
        .on(
            "swipe-card",
            screen -> {
              BranchCards.swipeAtNextRead(branch, card);
              return Answer.cancel();
            });
  }

  @Override
  public Weighing weigh(Branch branch) throws Exception {
    long available = branch.network().available(card.number());
    long authorized =
        RailRecords.cardAuthorizations(branch.dir(), card.number().masked()).stream()
            .mapToLong(Payment::amountYen)
            .sum();
    return new Weighing(available + authorized, available, authorized);
  }

  @Override
  public long expectedLoss() {
    return 8_800;
  }

  @Override
  public String ticketMethod() {
    return card.kind().name() + "_CARD";
  }

  @Override
  public Set<Payment> standingPayments(Path dir) throws Exception {
    return RailRecords.cardAuthorizations(dir, card.number().masked());
  }
}
