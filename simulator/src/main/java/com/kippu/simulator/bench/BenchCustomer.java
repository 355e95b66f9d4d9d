package com.kippu.simulator.bench;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.CardNumber;
import com.kippu.devices.sim.MagstripeCards;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Locale;

/**
 * One customer of the terminal benchmark, derived from its number alone so that every JVM of a run
 * agrees on it: an IC card with an account and e-money, the account's cash card, and a debit, a
 * credit and a prepaid card to swipe, all under one PIN. Benchmark values, public on purpose.
 */
record BenchCustomer(int number) {
  /** The PIN of every benchmark customer's cash and debit card. */
  static final String PIN = "2468";

  static final YearMonth EXPIRY = YearMonth.of(2030, 12);

  BenchCustomer {
    if (number < 0 || number > 9_999_999) {
      throw new IllegalArgumentException("customer number out of range: " + number);
    }
  }

  String cardId() {
    return String.format(Locale.ROOT, "KB-%07d", number);
  }

  String name() {
    return "Bench Customer " + number;
  }

  /** The IC card's account: bank 0001, branch 900, so it never meets a demo account. */
  AccountNumber account() {
    return new AccountNumber(String.format(Locale.ROOT, "0001-900-%07d", number));
  }

  /** The IC card's image in {@code cardsDir}. */
  Path cardFile(Path cardsDir) {
    return cardsDir.resolve(cardId() + ".card");
  }

  /** The magnetic stripe of the customer's card of {@code kind}. */
  MagstripeCards.Card stripe(AuthorizationRequest.Kind kind) {
    String issuer =
        switch (kind) {
          case DEBIT -> "4980009";
          case CREDIT -> "4111119";
          case PREPAID -> "6012349";
        };
    return MagstripeCards.bankCard(
        issuer + String.format(Locale.ROOT, "%08d", number), "BENCH", "", EXPIRY, "101");
  }

  CardNumber cardNumber(AuthorizationRequest.Kind kind) {
    return new CardNumber(stripe(kind).pan());
  }
}
