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
import com.kippu.atm.receipt.ReceiptException;
import com.kippu.atm.receipt.ReceiptPrinter;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Messages;
import com.kippu.atm.spi.Text;
import java.time.Clock;
import java.util.List;

/**
 * Flow F12, registration (S2 ¶35-37): the customer types name, phone and address, chooses a user id
 * and a PIN (twice, on the PIN pad), and is registered at the center; the IC card in the reader, if
 * any, is linked to the new user on its own proof and gets the user id and card id written into it;
 * the user may set a home PC password and store the card to pay with there (F13). A slip names the
 * user id and the stored card masked, never the PIN, the password or the card number.
 */
public final class RegisterFlow {
  public static final String NAME = "F12-register";

  private final FlowRunner<UserSession> runner;
  private final CustomerTerminal customer;
  private final ReceiptPrinter printer;

  public RegisterFlow(
      UserCenter center,
      PinPad pinPad,
      IcCard card,
      TicketCard tickets,
      ReceiptPrinter printer,
      CustomerTerminal host,
      Messages messages,
      Journal journal,
      Clock clock) {
    this(center, pinPad, card, tickets, printer, host, messages, journal, clock, false);
  }

  /**
   * @param encryptedLink whether the link to the center is TLS: only then is home PC access
   *     offered, as its password and card number must not cross a plain link
   */
  public RegisterFlow(
      UserCenter center,
      PinPad pinPad,
      IcCard card,
      TicketCard tickets,
      ReceiptPrinter printer,
      CustomerTerminal host,
      Messages messages,
      Journal journal,
      Clock clock,
      boolean encryptedLink) {
    this.customer = messages.rendering(host);
    this.printer = printer;
    ChooseUserId chooseUserId = new ChooseUserId(customer);
    ChooseUserPin choosePin = new ChooseUserPin(center, pinPad, customer);
    Flow.Builder<UserSession> steps =
        Flow.<UserSession>named(NAME)
            .step(new EnterProfile(customer))
            .step(chooseUserId)
            .step(choosePin)
            .on(TRY_AGAIN, backTo(choosePin))
            .step(new RegisterUser(center, customer))
            .on(TRY_AGAIN, backTo(chooseUserId))
            .step(new LinkInsertedCard(center, card, tickets, customer, clock));
    if (encryptedLink) {
      steps.step(new OfferHomeAccess(center, customer));
    }
    Flow<UserSession> flow = steps.build();
    this.runner = new FlowRunner<>(flow, journal);
  }

  public FlowRunner.Result run(UserSession session) {
    FlowRunner.Result result = runner.run(session);
    if (result.completed()) {
      String user = session.draft().orElseThrow().userId().value();
      try {
        printer.print(
            List.of(
                "KIPPU USER REGISTRATION",
                "USER ID " + user,
                "NAME " + session.draft().orElseThrow().name(),
                session
                    .get(UserSession.LINKED_CARD)
                    .map(c -> "CARD " + c + " LINKED")
                    .orElse("NO CARD LINKED"),
                session
                    .get(UserSession.HOME_CARD)
                    .map(c -> "HOME PC CARD " + c)
                    .orElse("NO HOME PC ACCESS"),
                "KEEP YOUR PIN SECRET"));
      } catch (ReceiptException e) {
        // The registration stands; the user id was shown on the screen.
      }
      customer.inform(
          Screens.notice(
              "registration-done",
              Text.of("registered.title"),
              Text.of("registered.line", user),
              Text.of("ended.take")));
    } else {
      customer.inform(
          Screens.notice(
              "ended", Text.of("ended.title"), Text.of("ended.cancelled"), Text.of("ended.take")));
    }
    return result;
  }
}
