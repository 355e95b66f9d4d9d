package com.kippu.atm.flow.pay;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.Purse;
import com.kippu.atm.payment.Purse.Movement;
import java.util.Optional;

/**
 * Writes value the center has recorded for a card (a paid recharge, a lost card's value reissued)
 * into the purse on that card, once. The purse on the chip is where e-money is spent, so value the
 * center adds is the customer's only when it is on the chip: the center records the load first (its
 * ledger and its limits decide), then the purse is written under a transaction id derived from what
 * paid for it. The card decides whether the write happened: its last movement under that id means
 * loaded, so a retry after a lost answer or a restart writes nothing twice. Only the card the value
 * is for is written: another card in the reader waits for the right one.
 */
public final class PurseLoad {
  private final Purse purse;
  private final IcCard card;

  public PurseLoad(Purse purse, IcCard card) {
    this.purse = purse;
    this.card = card;
  }

  /** What a load came to. */
  public enum Result {
    /** The value is on the card (now, or by an earlier attempt under the same id). */
    LOADED,
    /** Not the card the value is for, or no card: the load waits for that card. */
    NEEDS_CARD
  }

  /**
   * Loads {@code amount} onto {@code target}'s purse as {@code loadId}, unless the card already
   * recorded that load.
   *
   * @param loadId names the load the same way at every retry (e.g. the payment id with a suffix)
   * @throws Purse.PurseException when the card refuses the value or the reader fails after the
   *     right card was found; the load may be retried
   */
  public Result load(CardId target, Money amount, String loadId) throws Purse.PurseException {
    String txId = EMoneyPayment.purseId(loadId);
    if (!inReader(target)) {
      return Result.NEEDS_CARD;
    }
    Optional<Movement> last;
    try {
      last = purse.lastMovement();
    } catch (Purse.PurseException e) {
      if (e.noCard()) {
        return Result.NEEDS_CARD;
      }
      throw e;
    }
    if (last.isPresent() && isLoad(last.get(), target, txId)) {
      return Result.LOADED;
    }
    if (amount.yen() == 0) {
      return Result.LOADED;
    }
    try {
      purse.add(amount, txId);
      return Result.LOADED;
    } catch (Purse.PurseException e) {
      // The card may have recorded the value before the answer was lost: it says.
      Optional<Movement> after = purse.lastMovement();
      if (after.isPresent() && isLoad(after.get(), target, txId)) {
        return Result.LOADED;
      }
      if (e.noCard()) {
        return Result.NEEDS_CARD;
      }
      throw e;
    }
  }

  /** The purse's balance, when the card in the reader is {@code target}. */
  public Optional<Long> balance(CardId target) throws Purse.PurseException {
    return inReader(target) ? Optional.of(purse.balanceYen()) : Optional.empty();
  }

  private boolean inReader(CardId target) {
    try {
      return card.readChip().cardId().equals(target);
    } catch (CardException e) {
      return false;
    }
  }

  private static boolean isLoad(Movement m, CardId target, String txId) {
    return !m.subtract() && m.purseId().equals(target.value()) && m.transactionId().equals(txId);
  }
}
