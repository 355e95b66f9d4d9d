package com.kippu.atm.flow.recharge;

import com.kippu.atm.center.CardValue;
import com.kippu.atm.center.RechargeQuote;
import com.kippu.atm.payment.Money;
import java.util.Optional;

/**
 * What one recharge session knows besides its purchase parts (F11): the card's value as the center
 * held it, the amount chosen, the issuer's quote, and the value after the recharge. Only the amount
 * and the payee go to the journal (through the hold part); recovery asks the center again, under
 * the journaled payment proof, which answers a recharge once.
 */
final class Recharge {
  private CardValue before;
  private Money amount;
  private RechargeQuote quote;
  private CardValue after;
  private boolean loadPending;

  void read(CardValue value) {
    this.before = value;
  }

  CardValue before() {
    return before;
  }

  void choose(Money amount) {
    this.amount = amount;
    this.quote = null;
  }

  Money amount() {
    return amount;
  }

  void quoted(RechargeQuote quote) {
    this.quote = quote;
  }

  RechargeQuote quote() {
    return quote;
  }

  void done(CardValue value) {
    this.after = value;
  }

  Optional<CardValue> after() {
    return Optional.ofNullable(after);
  }

  /** Recorded at the center, not written on the chip: a pending load for the next insertion. */
  void loadPending() {
    this.loadPending = true;
  }

  boolean isLoadPending() {
    return loadPending;
  }
}
