package com.kippu.atm.flow.print;

import com.kippu.atm.flow.FlowRunner;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.parts.TicketPart.Delivery;
import com.kippu.atm.flow.purchase.PrintReceipt;
import com.kippu.atm.flow.purchase.Screens;
import com.kippu.atm.spi.CustomerTerminal;
import com.kippu.atm.spi.Text;

/**
 * The last screen of a session that pays for a ticket (F2, F3, F6): where the ticket is, that it is
 * pending with a slip as proof of payment, or that the session ended and nothing was charged.
 */
public final class Endings {
  private final CustomerTerminal customer;
  private final PrintReceipt receipt;

  public Endings(CustomerTerminal customer, PrintReceipt receipt) {
    this.customer = customer;
    this.receipt = receipt;
  }

  public FlowRunner.Result show(PurchaseSession session, FlowRunner.Result result) {
    if (result.completed() && session.ticket().number().isEmpty()) {
      // F7: a commuter pass or a prepaid card, not a ticket.
      customer.inform(
          Screens.notice(
              "completed",
              Text.of("completed.title"),
              Text.of("completed.sold", session.ticket().soldItem().orElse("-")),
              Text.of("completed.take")));
    } else if (result.completed()) {
      String number = session.ticket().number().orElseThrow();
      customer.inform(
          Screens.notice(
              "completed",
              Text.of("completed.title"),
              session.ticket().delivery() == Delivery.PRINT && session.ticket().isPrinted()
                  ? Text.of("completed.printed", number)
                  : Text.of("completed.line", number),
              Text.of("completed.take")));
    } else if (FlowRunner.UNSETTLED.equals(result.state())) {
      receipt.printPending(session);
      customer.inform(
          Screens.notice(
              "ticket-pending",
              Text.of("ticket-pending.title"),
              Text.of("ticket-pending.line", session.hold().reference()),
              Text.of("ticket-pending.later"),
              Text.of("ticket-pending.take")));
    } else {
      ended(customer, result);
    }
    return result;
  }

  /** The last screen of a session that ended without completing: cancelled or failed. */
  public static void ended(CustomerTerminal customer, FlowRunner.Result result) {
    customer.inform(
        Screens.notice(
            "ended",
            Text.of("ended.title"),
            Text.of(
                FlowRunner.CANCELLED.equals(result.state()) ? "ended.cancelled" : "ended.failed"),
            Text.of("ended.take")));
  }
}
