package com.kippu.atm.flow.recharge;

import static com.kippu.atm.flow.Flow.backTo;
import static com.kippu.atm.flow.Signal.CONDITIONS_CHANGED;
import static com.kippu.atm.flow.Signal.DECLINED;
import static com.kippu.atm.flow.Signal.TRY_AGAIN;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.RechargeQuote;
import com.kippu.atm.flow.Flow;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.pay.PurseLoad;
import com.kippu.atm.flow.print.Endings;
import com.kippu.atm.flow.purchase.ChoosePayment;
import com.kippu.atm.flow.purchase.Pay;
import com.kippu.atm.flow.purchase.ReadCard;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.receipt.ReceiptPrinter;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.Text;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;

/**
 * Flow F11, recharge (S2 ¶45): value added to a prepaid card after payment. The card's value is
 * read at the center, the customer chooses an amount, the center checks the card's limits (value
 * per card, recharges per day) and the issuer quotes the account to pay before any money moves;
 * after payment the center adds the value under the payment proof and the value is written into the
 * purse on the card (the chip is where e-money is spent; the center keeps the ledger of loads and
 * spends). A recharge the center refuses after payment (a limit reached meanwhile) has its payment
 * taken back by the runner's compensation of {@code pay}.
 */
public final class RechargeFlow {
  public static final String NAME = "F11-recharge";

  private final FlowRunner<PurchaseSession> runner;
  private final CustomerTerminal customer;
  private final PrintRechargeReceipt receipt;
  private final Recharge recharge = new Recharge();

  public RechargeFlow(
      IcCard card,
      IssuerCenter center,
      PaymentMethods methods,
      ReceiptPrinter printer,
      CustomerTerminal host,
      Messages messages,
      Journal journal,
      Clock clock,
      ZoneId zone,
      PurseLoad purse) {
    this.customer = messages.rendering(host);
    ChooseRechargeAmount chooseAmount = new ChooseRechargeAmount(center, customer, recharge);
    ChoosePayment choosePayment = new ChoosePayment(methods, customer, this::summary);
    Pay pay = new Pay(methods, customer);
    this.receipt = new PrintRechargeReceipt(printer, methods, recharge, clock, zone);
    Flow<PurchaseSession> flow =
        Flow.<PurchaseSession>named(NAME)
            .step(new ReadCard(card))
            .step(chooseAmount)
            .step(new QuoteRecharge(center, customer, recharge))
            .on(CONDITIONS_CHANGED, backTo(chooseAmount))
            .step(choosePayment)
            .step(pay)
            .on(TRY_AGAIN, backTo(pay))
            .on(DECLINED, backTo(choosePayment))
            .step(new ApplyRecharge(center, methods, customer, recharge, purse))
            .step(receipt)
            .build();
    this.runner = new FlowRunner<>(flow, journal);
  }

  private List<Text> summary(PurchaseSession session) {
    RechargeQuote q = recharge.quote();
    return List.of(
        Text.of("choose-payment.recharge", q.cardId().value(), q.value(), q.amount()),
        Text.of("choose-payment.quoted", q.amount(), q.issuerName()));
  }

  public FlowRunner.Result run(PurchaseSession session) {
    FlowRunner.Result result = runner.run(session);
    if (result.completed()) {
      customer.inform(
          Screens.notice(
              "recharge-done",
              Text.of("recharge-done.title"),
              Text.of("recharge-done.line", recharge.amount(), recharge.after().get().value()),
              Text.of("completed.take")));
    } else if (FlowRunner.UNSETTLED.equals(result.state())) {
      receipt.printPending(session);
      customer.inform(
          Screens.notice(
              "recharge-pending",
              Text.of("recharge-pending.title"),
              Text.of("recharge-pending.line"),
              Text.of("ticket-pending.take")));
    } else {
      Endings.ended(customer, result);
    }
    return result;
  }
}
