package com.kippu.atm.flow.pay;

import com.kippu.atm.payment.CashDesk;
import com.kippu.atm.payment.CashDesk.CashDeskException.Fault;
import com.kippu.atm.payment.Money;
import java.util.Map;
import java.util.TreeMap;

/**
 * A working in-memory cash unit: stock by face value, the open deposit's escrow, what the customer
 * got back and took as change, and fault switches for each way a unit fails. Every piece is in
 * exactly one place, so a test can add them up.
 */
final class FakeCashDesk implements CashDesk {
  final TreeMap<Integer, Integer> stock = new TreeMap<>();
  TreeMap<Integer, Integer> escrow = new TreeMap<>();
  final TreeMap<Integer, Integer> repaid = new TreeMap<>();
  final TreeMap<Integer, Integer> retracted = new TreeMap<>();
  long paidOutYen;

  private boolean open;
  private boolean accepting;

  boolean full;

  /** Fault switch: the transport jams after the next insertion; the deposit goes to the bin. */
  boolean jamAfterNextInsertion;

  /** Fault switch: the unit loses power before it can keep the deposit; the escrow stays. */
  boolean powerFailsAtKeep;

  /** Fault switch: the next payout jams; its pieces are caught in the unit. */
  boolean payoutJams;

  /** Fault switch: the stock cannot be read (recovery). */
  boolean unreadable;

  FakeCashDesk(Map<Integer, Integer> stock) {
    this.stock.putAll(stock);
  }

  /** The customer puts pieces into the open slot. */
  void insert(int face, int count) {
    if (!accepting) {
      throw new IllegalStateException("the slot is closed");
    }
    escrow.merge(face, count, Integer::sum);
    if (jamAfterNextInsertion) {
      jamAfterNextInsertion = false;
      escrow.forEach((f, c) -> retracted.merge(f, c, Integer::sum));
      jammedDeposit = Cash.of(escrow);
      escrow = new TreeMap<>();
      open = false;
      accepting = false;
    }
  }

  private Cash jammedDeposit;

  long stockYen() {
    return Cash.of(stock).amount().yen();
  }

  @Override
  public boolean full() {
    return full;
  }

  @Override
  public void openSlot() throws CashDeskException {
    if (open) {
      throw new CashDeskException(Fault.OUT_OF_SERVICE, Money.yen(0), "deposit open", null);
    }
    open = true;
    accepting = true;
    jammedDeposit = null;
  }

  @Override
  public Cash closeSlot() throws CashDeskException {
    requireNotJammed();
    accepting = false;
    return Cash.of(escrow);
  }

  private void requireNotJammed() throws CashDeskException {
    if (jammedDeposit != null) {
      Cash jammed = jammedDeposit;
      jammedDeposit = null;
      throw new CashDeskException(Fault.RETAINED, jammed.amount(), "deposit jammed", null);
    }
  }

  @Override
  public void reopenSlot() throws CashDeskException {
    requireNotJammed();
    accepting = true;
  }

  @Override
  public Cash fix() throws CashDeskException {
    requireNotJammed();
    accepting = false;
    return Cash.of(escrow);
  }

  @Override
  public Cash repay() throws CashDeskException {
    requireNotJammed();
    Cash back = Cash.of(escrow);
    escrow.forEach((f, c) -> repaid.merge(f, c, Integer::sum));
    escrow = new TreeMap<>();
    open = false;
    accepting = false;
    return back;
  }

  @Override
  public void keep(Money change) throws CashDeskException {
    if (powerFailsAtKeep) {
      throw new CashDeskException(Fault.HELD_IN_ESCROW, Cash.of(escrow).amount(), "no power", null);
    }
    escrow.forEach((f, c) -> stock.merge(f, c, Integer::sum));
    escrow = new TreeMap<>();
    open = false;
  }

  @Override
  public boolean canPay(Money amount) {
    return plan(amount.yen(), stock.descendingMap().entrySet().stream().toList(), 0) != null;
  }

  @Override
  public void pay(Money amount) throws CashDeskException {
    Map<Integer, Integer> pieces =
        plan(amount.yen(), stock.descendingMap().entrySet().stream().toList(), 0);
    if (pieces == null) {
      throw new CashDeskException(Fault.NOT_PAID_OUT, amount, "overdispense", null);
    }
    pieces.forEach((f, c) -> stock.merge(f, -c, Integer::sum));
    if (payoutJams) {
      payoutJams = false;
      pieces.forEach((f, c) -> retracted.merge(f, c, Integer::sum));
      throw new CashDeskException(Fault.NOT_PAID_OUT, amount, "dispenser jammed", null);
    }
    paidOutYen += amount.yen();
  }

  @Override
  public Money stock() throws CashDeskException {
    if (unreadable) {
      throw new CashDeskException(Fault.OUT_OF_SERVICE, Money.yen(0), "no power", null);
    }
    return Money.yen(stockYen());
  }

  /** Pieces making exactly {@code yen} from {@code faces} onwards, largest first; null if none. */
  private static Map<Integer, Integer> plan(
      long yen, java.util.List<Map.Entry<Integer, Integer>> faces, int from) {
    if (yen == 0) {
      return new TreeMap<>();
    }
    if (from == faces.size()) {
      return null;
    }
    int face = faces.get(from).getKey();
    int available = faces.get(from).getValue();
    for (long n = Math.min(available, yen / face); n >= 0; n--) {
      Map<Integer, Integer> rest = plan(yen - n * face, faces, from + 1);
      if (rest != null) {
        if (n > 0) {
          rest.put(face, (int) n);
        }
        return rest;
      }
    }
    return null;
  }
}
