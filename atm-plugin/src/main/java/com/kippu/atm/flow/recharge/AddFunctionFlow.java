package com.kippu.atm.flow.recharge;

import static com.kippu.atm.flow.Flow.backTo;
import static com.kippu.atm.flow.Signal.CONDITIONS_CHANGED;
import static com.kippu.atm.flow.Signal.DECLINED;
import static com.kippu.atm.flow.Signal.TRY_AGAIN;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.center.ApplicationPackage;
import com.kippu.atm.center.EventTimes;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.flow.Flow;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.print.Endings;
import com.kippu.atm.flow.purchase.ChoosePayment;
import com.kippu.atm.flow.purchase.Pay;
import com.kippu.atm.flow.purchase.ReadCard;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.receipt.ReceiptException;
import com.kippu.atm.receipt.ReceiptPrinter;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.Text;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Flow F11, add a function (S2 ¶21, ¶45, ¶53): an issuer's application installed on a card already
 * issued, after payment. The card's applications are read, the customer chooses one the center
 * offers, the terminal fetches it verified (issuer signature, code hash) and pays its price into
 * the issuer's account the descriptor names, then installs it and records the sale at the center
 * for its issuer; a card that refuses it has the payment taken back. (A ticket or pass is added to
 * a card by the purchase flows, appended to its write-once area.)
 */
public final class AddFunctionFlow {
  public static final String NAME = "F11-add-function";

  private final FlowRunner<PurchaseSession> runner;
  private final CustomerTerminal customer;
  private final AddApplication add = new AddApplication();

  public AddFunctionFlow(
      IcCard card,
      IssuerCenter center,
      PaymentMethods methods,
      ReceiptPrinter printer,
      CustomerTerminal host,
      Messages messages,
      Journal journal,
      Clock clock,
      ZoneId zone) {
    this.customer = messages.rendering(host);
    ChooseApplication choose = new ChooseApplication(card, center, customer, add);
    ChoosePayment choosePayment = new ChoosePayment(methods, customer, this::summary);
    Pay pay = new Pay(methods, customer);
    Flow<PurchaseSession> flow =
        Flow.<PurchaseSession>named(NAME)
            .step(new ReadCard(card))
            .step(choose)
            .step(new FetchApplication(center, customer, add))
            .on(CONDITIONS_CHANGED, backTo(choose))
            .step(choosePayment)
            .step(pay)
            .on(TRY_AGAIN, backTo(pay))
            .on(DECLINED, backTo(choosePayment))
            .step(new InstallApplication(card, methods, customer, add))
            .step(new RecordApplicationSale(center, methods, add))
            .step(receipt(printer, methods, clock, zone))
            .build();
    this.runner = new FlowRunner<>(flow, journal);
  }

  private List<Text> summary(PurchaseSession session) {
    ApplicationPackage p = add.fetched();
    return List.of(
        Text.of(
            "choose-payment.application",
            p.application().name(),
            p.application().version(),
            session.card().requiredCardId().value()),
        Text.of("choose-payment.quoted", p.price(), p.issuerName()));
  }

  private Step<PurchaseSession> receipt(
      ReceiptPrinter printer, PaymentMethods methods, Clock clock, ZoneId zone) {
    return new Step<>() {
      @Override
      public String id() {
        return "print-application-receipt";
      }

      @Override
      public Outcome run(PurchaseSession session) {
        ApplicationPackage p = add.fetched();
        List<String> lines = new ArrayList<>();
        lines.add("KIPPU CARD SERVICE");
        lines.add(
            EventTimes.localToSecond(clock.instant(), zone)
                + "  TERM "
                + session.terminal().terminalId());
        lines.add("----------------------------------------");
        lines.add("FUNCTION ADDED TO CARD " + session.card().requiredCardId());
        lines.add(p.application().name() + "  V" + p.application().version());
        lines.add("AID " + p.application().aidHex());
        lines.add("ISSUER " + p.issuerName());
        lines.add("PRICE            " + p.price());
        lines.add("----------------------------------------");
        lines.addAll(methods.get(session.payment().method().orElseThrow()).receiptLines(session));
        lines.add("KEEP THIS RECEIPT");
        try {
          printer.print(lines);
        } catch (ReceiptException e) {
          // a printer fault never undoes what the card holds
        }
        return Outcome.next();
      }
    };
  }

  public FlowRunner.Result run(PurchaseSession session) {
    FlowRunner.Result result = runner.run(session);
    if (result.completed()) {
      customer.inform(
          Screens.notice(
              "application-added",
              Text.of("application-added.title"),
              Text.of(
                  "application-added.line",
                  add.fetched().application().name(),
                  add.fetched().application().version()),
              Text.of("completed.take")));
    } else {
      Endings.ended(customer, result);
    }
    return result;
  }
}
