package com.kippu.center.reservation;

/**
 * How the customer paid, what that method's proof carries and who received the money. Bank and card
 * methods carry the acquirer's references (RRN, approval code, STAN), card methods also the masked
 * card number, e-money the purse's value record (S1 ¶112).
 */
public enum PaymentMethod {
  /** User account to the issuer's account, a 0200 transfer (S1 ¶57). */
  ACCOUNT_TRANSFER(Collector.ISSUER, Carries.BANK_REFERENCES),
  /** Cash taken at the terminal, credited to the issuer's account by the bank's 0200 (S1 ¶57). */
  CASH(Collector.ISSUER, Carries.BANK_REFERENCES),
  /** Debit card and PIN: the 0100 names the issuer's account as payee (S2 ¶33-34). */
  DEBIT_CARD(Collector.ISSUER, Carries.CARD),
  /** The card company pays the merchant of record, the operator (S2 ¶27-29). */
  CREDIT_CARD(Collector.OPERATOR, Carries.CARD),
  /** The prepaid company pays the operator, as for credit (S2 ¶30-32). */
  PREPAID_CARD(Collector.OPERATOR, Carries.CARD),
  /** Value taken from the card's purse and sent to the issuer (S1 ¶112). */
  EMONEY(Collector.ISSUER, Carries.PURSE_RECORD);

  /** What a proof of the method carries besides method, amount, reference and acquirer. */
  enum Carries {
    BANK_REFERENCES,
    CARD,
    PURSE_RECORD
  }

  private final Collector collector;
  private final Carries carries;

  PaymentMethod(Collector collector, Carries carries) {
    this.collector = collector;
    this.carries = carries;
  }

  /** Who received the customer's money. */
  public Collector collector() {
    return collector;
  }

  /** True for the card methods, whose proof names the masked card. */
  public boolean card() {
    return carries == Carries.CARD;
  }

  /** True for e-money, whose proof is the purse's value record. */
  public boolean purse() {
    return carries == Carries.PURSE_RECORD;
  }

  /** True when the proof carries an approval code and STAN from the acquirer's host. */
  public boolean hostReferences() {
    return carries != Carries.PURSE_RECORD;
  }
}
