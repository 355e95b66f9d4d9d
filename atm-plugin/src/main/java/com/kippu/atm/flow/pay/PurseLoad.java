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
 * paid for it. The card decides whether the write happened, from its value log by id: a credit
 * asked for under an id any record of the log holds answers that record and moves nothing (see
 * {@link Purse}). So a retry after a lost answer, a restart, or the card having paid elsewhere
 * since, writes nothing twice; the last movement alone could not tell the last case. Only the card
 * the value is for is written: another card in the reader waits for the right one.
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
    return loadAs(target, amount, transactionId(loadId));
  }

  /** The purse transaction id a load named {@code loadId} is written under (at most 32 chars). */
  public static String transactionId(String loadId) {
    return EMoneyPayment.purseId(loadId);
  }

  /**
   * Loads {@code amount} onto {@code target}'s purse under the purse transaction id {@code txId}
   * itself (one the center keeps for a pending load), unless the card already holds that id.
   */
  public Result loadAs(CardId target, Money amount, String txId) throws Purse.PurseException {
    if (!inReader(target)) {
      return Result.NEEDS_CARD;
    }
    if (amount.yen() == 0) {
      return Result.LOADED;
    }
    try {
      // Written under the load's id: a card that holds that id anywhere in its log answers the
      // earlier record, so this is a write only when the value is not on the card yet.
      Movement m = purse.add(amount, txId);
      if (!isLoad(m, target, txId)) {
        throw new Purse.PurseException(
            "the card answered the load " + txId + " with another movement: " + m, false, null);
      }
      return Result.LOADED;
    } catch (Purse.PurseException e) {
      // The card may have recorded the value before the answer was lost: it says.
      if (lastIsLoad(target, txId)) {
        return Result.LOADED;
      }
      if (e.noCard()) {
        return Result.NEEDS_CARD;
      }
      throw e;
    }
  }

  private boolean lastIsLoad(CardId target, String txId) {
    try {
      Optional<Movement> after = purse.lastMovement();
      return after.isPresent() && isLoad(after.get(), target, txId);
    } catch (Purse.PurseException e) {
      return false;
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
