package com.kippu.atm.flow.kiosk;

import static com.kippu.atm.flow.Flow.backTo;
import static com.kippu.atm.flow.Signal.CONDITIONS_CHANGED;
import static com.kippu.atm.flow.Signal.DECLINED;
import static com.kippu.atm.flow.Signal.HOLD_LAPSED;
import static com.kippu.atm.flow.Signal.SEAT_TAKEN;
import static com.kippu.atm.flow.Signal.TRY_AGAIN;
import static com.kippu.atm.flow.kiosk.ForCardType.only;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.CardType;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.KioskCenter;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.flow.Flow;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.flow.direct.BuyTicket;
import com.kippu.atm.flow.direct.ConfirmQuote;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.flow.print.Endings;
import com.kippu.atm.flow.purchase.ChoosePayment;
import com.kippu.atm.flow.purchase.Pay;
import com.kippu.atm.flow.purchase.PrintReceipt;
import com.kippu.atm.flow.purchase.WriteTicketToCard;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.receipt.ReceiptPrinter;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Messages;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Flow F7 (S2 Fig. 4-5, ¶22-29): a card bought at a kiosk. The customer chooses the card type,
 * browses down its hierarchy, sees the issuer's price and confirms, chooses a new card from the
 * stocker or their own, and pays; only then is a blank card fed from the stocker, its face printed,
 * the sale made at the center against the payment, the data written, the card handed out and a
 * receipt printed. The card is fed and printed before the sale, so a stocker or printer fault ends
 * with the card captured and the payment taken back, nothing sold; a card not taken is captured
 * with what it holds, for staff to hand over.
 */
public final class KioskPurchaseFlow {
  public static final String NAME = "F7-kiosk-purchase";

  /** How long the customer has to insert their own card once asked. */
  static final Duration INSERT_TIMEOUT = Duration.ofSeconds(60);

  private final FlowRunner<PurchaseSession> runner;
  private final Endings endings;

  public KioskPurchaseFlow(
      CardUnit unit,
      IcCard card,
      TicketCard tickets,
      IssuerCenter center,
      KioskCenter kiosk,
      PaymentMethods methods,
      ReceiptPrinter printer,
      CustomerTerminal host,
      Messages messages,
      Journal journal,
      Clock clock,
      ZoneId zone,
      Duration presentTimeout,
      Map<String, Integer> prepaidHoppers) {
    this(
        unit,
        card,
        tickets,
        center,
        kiosk,
        methods,
        printer,
        host,
        messages,
        journal,
        clock,
        zone,
        presentTimeout,
        prepaidHoppers,
        Optional.empty());
  }

  /**
   * Registered users at this kiosk (F12): the center that checks their PIN and records their cards,
   * and the PIN pad the PIN is typed on.
   */
  public record Registered(UserCenter center, PinPad pinPad) {}

  /**
   * @param registered where registered users may sign in: their registration fills the pass
   *     holder's form and the card issued is recorded under them (user id and card id written into
   *     it); empty, everyone buys as a guest
   */
  public KioskPurchaseFlow(
      CardUnit unit,
      IcCard card,
      TicketCard tickets,
      IssuerCenter center,
      KioskCenter kiosk,
      PaymentMethods methods,
      ReceiptPrinter printer,
      CustomerTerminal host,
      Messages messages,
      Journal journal,
      Clock clock,
      ZoneId zone,
      Duration presentTimeout,
      Map<String, Integer> prepaidHoppers,
      Optional<Registered> registered) {
    CustomerTerminal customer = messages.rendering(host);
    Optional<KioskSignIn> signIn =
        registered.map(r -> new KioskSignIn(r.center(), r.pinPad(), customer));
    Hoppers hoppers = new Hoppers(prepaidHoppers);
    BrowseCatalog browse =
        new BrowseCatalog(
            new EventShelf(center, kiosk, customer, zone),
            new PassShelf(kiosk, customer),
            new PrepaidShelf(kiosk, unit, hoppers, customer));
    QuotePrice quote = new QuotePrice(kiosk, customer);
    ChoosePayment choosePayment = new ChoosePayment(methods, customer, zone);
    Pay pay = new Pay(methods, customer);
    PrintReceipt receipt = new PrintReceipt(printer, methods, clock, zone);
    this.endings = new Endings(customer, receipt);
    Flow.Builder<PurchaseSession> steps =
        Flow.<PurchaseSession>named(NAME)
            .step(new ChooseCardType(kiosk, issuable(unit, hoppers), customer, signIn))
            .step(browse)
            .step(only(CardType.COMMUTER_PASS, new EnterPassDetails(customer, signIn, clock, zone)))
            .step(quote)
            .on(SEAT_TAKEN, backTo(browse))
            .step(new ConfirmPurchase(new Summaries(zone), customer))
            .on(CONDITIONS_CHANGED, backTo(browse))
            .step(new ChooseCard(unit, card, hoppers, customer, INSERT_TIMEOUT))
            .step(choosePayment)
            .step(new ConfirmQuote(customer, clock))
            .on(HOLD_LAPSED, backTo(quote))
            .step(pay)
            .on(TRY_AGAIN, backTo(pay))
            .on(DECLINED, backTo(choosePayment))
            .step(new TakeCard(unit, card, center, customer))
            .step(new PrintFace(unit, new CardFaces(kiosk, messages, zone), customer))
            .step(only(CardType.EVENT_TICKET, new BuyTicket(center, methods, customer, clock)))
            .on(SEAT_TAKEN, backTo(browse))
            .step(only(CardType.COMMUTER_PASS, new SellPass(kiosk, methods, customer)))
            .step(only(CardType.PREPAID, new ActivateCard(kiosk, methods, customer)))
            .step(only(CardType.EVENT_TICKET, new WriteTicketToCard(card, tickets)))
            .step(only(CardType.COMMUTER_PASS, new WritePass(card, tickets)));
    if (registered.isPresent()) {
      steps.step(new RecordUserCard(registered.get().center(), card, tickets, customer, clock));
    }
    Flow<PurchaseSession> flow =
        steps.step(new EjectCard(unit, customer, presentTimeout)).step(receipt).build();
    this.runner = new FlowRunner<>(flow, journal);
  }

  /**
   * The card types this unit can issue: tickets and passes onto a stocker card or the customer's
   * own; prepaid cards from a stocker that holds pre-valued cards, or, on a unit with no stocker (a
   * home PC), the pre-valued card the operator sent the customer, in the reader (S2 ¶46).
   */
  private static Set<CardType> issuable(CardUnit unit, Hoppers hoppers) {
    Set<CardType> types = EnumSet.of(CardType.EVENT_TICKET, CardType.COMMUTER_PASS);
    if (!unit.hasStocker() || hoppers.stocksPrepaid()) {
      types.add(CardType.PREPAID);
    }
    return types;
  }

  public FlowRunner.Result run(PurchaseSession session) {
    return endings.show(session, runner.run(session));
  }
}
