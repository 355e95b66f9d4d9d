package com.kippu.atm.flow.users;

import static com.kippu.atm.flow.Flow.backTo;
import static com.kippu.atm.flow.Signal.TRY_AGAIN;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.UserCenter;
import com.kippu.atm.flow.Flow;
import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.journal.Journal;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.Text;

/**
 * Flow F12, recall (S2 ¶36): user id and PIN (on the PIN pad) bring back the registered attributes
 * that fill forms and the earlier purchases, any valid one of the card in the reader written onto
 * it again on request.
 */
public final class RecallFlow {
  public static final String NAME = "F12-recall";

  private final FlowRunner<UserSession> runner;
  private final CustomerTerminal customer;

  public RecallFlow(
      UserCenter center,
      PinPad pinPad,
      IcCard card,
      TicketCard tickets,
      CustomerTerminal host,
      Messages messages,
      Journal journal) {
    this.customer = messages.rendering(host);
    EnterUserId enterUserId = new EnterUserId(customer);
    Flow<UserSession> flow =
        Flow.<UserSession>named(NAME)
            .step(enterUserId)
            .step(new SignIn(center, pinPad, customer))
            .on(TRY_AGAIN, backTo(enterUserId))
            .step(new ShowRecall(card, tickets, customer))
            .build();
    this.runner = new FlowRunner<>(flow, journal);
  }

  public FlowRunner.Result run(UserSession session) {
    FlowRunner.Result result = runner.run(session);
    if (!result.completed()) {
      customer.inform(
          Screens.notice(
              "ended", Text.of("ended.title"), Text.of("ended.cancelled"), Text.of("ended.take")));
    }
    return result;
  }
}
