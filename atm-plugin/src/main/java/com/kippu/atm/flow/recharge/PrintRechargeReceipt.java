package com.kippu.atm.flow.recharge;

import com.kippu.atm.center.EventTimes;
import com.kippu.atm.flow.Outcome;
import com.kippu.atm.flow.Step;
import com.kippu.atm.flow.parts.PurchaseSession;
import com.kippu.atm.flow.pay.PaymentMethods;
import com.kippu.atm.receipt.ReceiptException;
import com.kippu.atm.receipt.ReceiptPrinter;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * The recharge receipt: card, value before and after, amount and the payment lines; also the slip
 * of a paid recharge the center has not confirmed. A printer fault never undoes a recharge.
 */
final class PrintRechargeReceipt implements Step<PurchaseSession> {
  private static final Logger LOG = Logger.getLogger(PrintRechargeReceipt.class.getName());

  private final ReceiptPrinter printer;
  private final PaymentMethods methods;
  private final Recharge recharge;
  private final Clock clock;
  private final ZoneId zone;

  PrintRechargeReceipt(
      ReceiptPrinter printer, PaymentMethods methods, Recharge recharge, Clock clock, ZoneId zone) {
    this.printer = printer;
    this.methods = methods;
    this.recharge = recharge;
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public String id() {
    return "print-recharge-receipt";
  }

  @Override
  public Outcome run(PurchaseSession session) {
    List<String> lines = header(session);
    lines.add("VALUE BEFORE     " + recharge.before().value());
    lines.add("RECHARGED        " + recharge.amount());
    lines.add("VALUE NOW        " + recharge.after().orElseThrow().value());
    if (recharge.isLoadPending()) {
      lines.add("NOT YET ON THE CARD: LOADED WHEN THE");
      lines.add("CARD IS NEXT INSERTED AT ANY TERMINAL");
      lines.add("THAT TAKES E-MONEY.");
    }
    print(session, lines);
    return Outcome.next();
  }

  /** The slip of a paid recharge whose answer the center has not given yet. */
  void printPending(PurchaseSession session) {
    List<String> lines = header(session);
    lines.add("PAYMENT TAKEN - RECHARGE PENDING");
    lines.add("AMOUNT           " + recharge.amount());
    lines.add("THE VALUE IS ADDED AS SOON AS THE");
    lines.add("CENTER CONFIRMS IT; IF IT CANNOT BE,");
    lines.add("THE PAYMENT IS RETURNED TO YOU.");
    print(session, lines);
  }

  private List<String> header(PurchaseSession session) {
    List<String> lines = new ArrayList<>();
    lines.add("KIPPU CARD SERVICE");
    lines.add(
        EventTimes.localToSecond(clock.instant(), zone)
            + "  TERM "
            + session.terminal().terminalId());
    lines.add("----------------------------------------");
    lines.add("PREPAID CARD RECHARGE");
    lines.add("CARD " + session.card().requiredCardId());
    return lines;
  }

  private void print(PurchaseSession session, List<String> lines) {
    lines.add("----------------------------------------");
    lines.addAll(methods.get(session.payment().method().orElseThrow()).receiptLines(session));
    lines.add("----------------------------------------");
    lines.add("KEEP THIS RECEIPT");
    try {
      printer.print(lines);
    } catch (ReceiptException e) {
      LOG.warning("recharge receipt not printed: " + e.getMessage());
    }
  }
}
