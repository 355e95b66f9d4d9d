package com.kippu.atm.flow.users;

import static com.kippu.atm.flow.Flow.backTo;
import static com.kippu.atm.flow.Signal.TRY_AGAIN;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.flow.Flow;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.flow.pay.PurseLoad;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.issuing.CardUnit;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.receipt.ReceiptPrinter;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.Text;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Flow F9 (S2 ¶37-40): a lost or stolen card. The registered user signs in with user id and PIN (on
 * the PIN pad), chooses the card, and it is invalidated at the center and, through it, at its
 * issuers; a new card from the stocker proves itself to the center, which reissues every valid
 * ticket and the prepaid value of the old card onto it, once; the new card gets the holder record
 * and the tickets, its face, and is presented; a slip lists what moved. A crash after the reissue
 * leaves the session to {@link LostCardRecovery}, which finishes the same card without asking the
 * center for anything new.
 */
public final class LostCardFlow {
  public static final String NAME = "F9-lost-card";

  private final FlowRunner<UserSession> runner;
  private final CustomerTerminal customer;
  private final LostCardRecovery recovery;

  public LostCardFlow(
      UserCenter center,
      PinPad pinPad,
      IcCard card,
      TicketCard tickets,
      CardUnit unit,
      ReceiptPrinter printer,
      CustomerTerminal host,
      Messages messages,
      Journal journal,
      LostCardRecovery recovery,
      Clock clock,
      ZoneId zone,
      Duration presentTimeout,
      Optional<PurseLoad> purse) {
    this.customer = messages.rendering(host);
    this.recovery = recovery;
    EnterUserId enterUserId = new EnterUserId(customer);
    Flow<UserSession> flow =
        Flow.<UserSession>named(NAME)
            .step(enterUserId)
            .step(new SignIn(center, pinPad, customer))
            .on(TRY_AGAIN, backTo(enterUserId))
            .step(new ChooseLostCard(customer))
            .step(new ReportLost(center, customer))
            .step(new FeedNewCard(unit, card, customer))
            .step(new ReissueOntoNewCard(center, card))
            .step(new WriteNewCard(card, tickets, clock, purse))
            .step(new PrintNewCardFace(unit, messages))
            .step(new EjectNewCard(unit, customer, presentTimeout))
            .step(new PrintUserReceipt(printer, clock, zone))
            .build();
    this.runner = new FlowRunner<>(flow, journal);
  }

  public FlowRunner.Result run(UserSession session) {
    FlowRunner.Result result = runner.run(session);
    if (FlowRunner.UNSETTLED.equals(result.state())) {
      // The new card is still in the transport: finish it now, as recovery would at the next start.
      result = recovery.finish(session.id()).orElse(result);
    }
    if (result.completed()) {
      customer.inform(
          Screens.notice(
              "reissued",
              Text.of("reissued.title"),
              Text.of(
                  "reissued.line",
                  session.get(UserSession.REISSUED).map(l -> l.size()).orElse(0)
                      + session.get(UserSession.REISSUED_PASSES).map(l -> l.size()).orElse(0),
                  session.newCard().map(c -> c.value()).orElse("")),
              Text.of("card-invalidated.line", session.lostCard().value())));
    } else if (FlowRunner.UNSETTLED.equals(result.state())) {
      customer.inform(
          Screens.notice(
              "reissue-pending",
              Text.of("reissue-pending.title"),
              Text.of("reissue-pending.line")));
    } else {
      customer.inform(
          Screens.notice(
              "ended",
              Text.of("ended.title"),
              Text.of(
                  FlowRunner.CANCELLED.equals(result.state()) ? "ended.cancelled" : "ended.failed"),
              Text.of("ended.take")));
    }
    return result;
  }
}
