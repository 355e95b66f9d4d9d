package com.kippu.simulator;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.devices.sim.MagstripeCards;
import com.kippu.devices.sim.SimulatedDevices;
import com.kippu.devices.sim.SimulatedMagstripes;
import com.kippu.simulator.bank.BankHostServer;
import com.kippu.simulator.network.CardNetworkServer;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The payment cards of the branch's customers, besides their IC cards: a debit card at the bank
 * (same PIN as the cash card), a credit and a prepaid card at the card network, each a magnetic
 * stripe the simulated customer swipes; and the e-money each IC card starts with. Demo values,
 * public on purpose.
 */
public final class BranchCards {
  static final YearMonth EXPIRY = YearMonth.of(2030, 12);

  /** One magnetic-stripe card of a customer. */
  public record PaymentCard(
      String cardId, AuthorizationRequest.Kind kind, MagstripeCards.Card stripe, long openingYen) {
    public CardNumber number() {
      return new CardNumber(stripe.pan());
    }
  }

  static final List<PaymentCard> CARDS =
      List.of(
          card("KC-10001", AuthorizationRequest.Kind.DEBIT, "498000100001234", "SATO", 0),
          card("KC-10001", AuthorizationRequest.Kind.CREDIT, "411111000000222", "SATO", 200_000),
          card("KC-10001", AuthorizationRequest.Kind.PREPAID, "601234000000333", "SATO", 20_000),
          card("KC-10002", AuthorizationRequest.Kind.DEBIT, "498000100002345", "SUZUKI", 0),
          card("KC-10002", AuthorizationRequest.Kind.CREDIT, "411111000000444", "SUZUKI", 5_000),
          card("KC-10002", AuthorizationRequest.Kind.PREPAID, "601234000000555", "SUZUKI", 1_000));

  /**
   * A cash card of an account at another bank (S1 ¶56): swiped on the magnetic reader, its PIN
   * proves the account an account transfer is paid from.
   */
  public record CashCard(
      String holder,
      AccountNumber account,
      String pin,
      long openingYen,
      MagstripeCards.Card stripe) {
    public CardNumber number() {
      return new CardNumber(stripe.pan());
    }
  }

  /** A card the console lets a customer swipe: what it is, masked, and its stripe. */
  public record Swipeable(String label, MagstripeCards.Card stripe) {}

  /** Every card {@code c} may swipe on the reader: payment cards and other banks' cash cards. */
  public static List<Swipeable> swipeableBy(Branch.Customer c) {
    List<Swipeable> cards = new java.util.ArrayList<>();
    for (PaymentCard p : CARDS) {
      if (p.cardId().equals(c.cardId())) {
        cards.add(new Swipeable(p.kind() + " card " + p.number().masked(), p.stripe()));
      }
    }
    if (c.cardId().equals(OTHER_BANK_CASH_CARD_OWNER)) {
      CashCard cash = OTHER_BANK_CASH_CARD;
      cards.add(
          new Swipeable(
              "cash card " + cash.number().masked() + " (other bank, PIN " + cash.pin() + ")",
              cash.stripe()));
    }
    return cards;
  }

  /** The IC card of the customer who also holds {@link #OTHER_BANK_CASH_CARD}. */
  static final String OTHER_BANK_CASH_CARD_OWNER = "KC-10001";

  /** Hanako's account at another bank, with its own cash card and PIN. */
  public static final CashCard OTHER_BANK_CASH_CARD = cashCard("Hanako Sato", "0005-002-3456789");

  /** The e-money each customer's IC card is issued with, by card id. */
  static final Map<String, Long> EMONEY_YEN = Map.of("KC-10001", 20_000L, "KC-10002", 1_000L);

  private BranchCards() {}

  private static PaymentCard card(
      String cardId, AuthorizationRequest.Kind kind, String digits, String surname, long yen) {
    return new PaymentCard(
        cardId, kind, MagstripeCards.bankCard(digits, surname, "", EXPIRY, "101"), yen);
  }

  private static CashCard cashCard(String holder, String account) {
    AccountNumber number = new AccountNumber(account);
    // A cash card's number is its account's digits and a check digit (CardNumber#ofCashAccount).
    MagstripeCards.Card stripe =
        MagstripeCards.bankCard(account.replace("-", ""), "SATO", "HANAKO", EXPIRY, "101");
    return new CashCard(holder, number, "3391", 40_000, stripe);
  }

  /** Opens the other bank's account and issues its cash card, once per branch. */
  static void openOtherBankAccount(BankHostServer bank) {
    CashCard c = OTHER_BANK_CASH_CARD;
    if (!bank.ledger().hasAccount(c.account())) {
      bank.ledger().openAccount(c.account(), c.holder() + " (other bank)", c.openingYen());
      bank.issueCashCard(c.number(), c.account(), c.pin().toCharArray());
    }
  }

  /** The simulated customer swipes {@code card} the next time the branch's reader waits for one. */
  public static void swipeAtNextRead(Branch branch, CashCard card) {
    SimulatedMagstripes.reader(branch.unitName(SimulatedDevices.MSR))
        .whenReading(r -> r.swipe(card.stripe()));
  }

  static long emoneyOf(Branch.Customer c) {
    return EMONEY_YEN.getOrDefault(c.cardId(), 0L);
  }

  /** {@code c}'s card of {@code kind}. */
  public static PaymentCard of(Branch.Customer c, AuthorizationRequest.Kind kind) {
    return CARDS.stream()
        .filter(p -> p.cardId().equals(c.cardId()) && p.kind() == kind)
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no " + kind + " card for " + c.name()));
  }

  /** Issues the debit cards at the bank, for a branch seeded afresh. */
  static void issueDebitCards(BankHostServer bank, Branch.Customer c) {
    for (PaymentCard p : CARDS) {
      if (p.cardId().equals(c.cardId()) && p.kind() == AuthorizationRequest.Kind.DEBIT) {
        bank.issueDebitCard(
            p.number(), new CardExpiry(EXPIRY), c.account(), Branch.demoPin(c).toCharArray());
      }
    }
  }

  /** Issues the credit and prepaid cards at the card network, for a network seeded afresh. */
  static void issueNetworkCards(CardNetworkServer network) {
    for (PaymentCard p : CARDS) {
      if (p.kind() != AuthorizationRequest.Kind.DEBIT) {
        network.issueCard(p.number(), p.kind(), new CardExpiry(EXPIRY), p.openingYen());
      }
    }
  }

  /** The simulated customer swipes {@code card} the next time the branch's reader waits for one. */
  public static void swipeAtNextRead(Branch branch, PaymentCard card) {
    SimulatedMagstripes.reader(branch.unitName(SimulatedDevices.MSR))
        .whenReading(r -> r.swipe(card.stripe()));
  }
}
