package com.kippu.atm.device;

import com.kippu.atm.card.IcCard;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.Purse;
import com.kippu.devices.EMoneyPurse;
import java.time.Duration;
import java.util.Optional;
import jpos.ElectronicValueRWConst;
import jpos.JposConst;
import jpos.JposException;

/**
 * The {@link Purse} port over any JavaPOS ElectronicValueRW service loaded from {@code jpos.xml};
 * the purse id is the id of the IC card in the reader.
 */
public final class JavaPosPurse implements Purse, AutoCloseable {
  private final EMoneyPurse purse;
  private final IcCard card;
  private final Duration cardWait;

  public JavaPosPurse(EMoneyPurse purse, IcCard card, Duration cardWait) {
    this.purse = purse;
    this.card = card;
    this.cardWait = cardWait;
  }

  @Override
  public long balanceYen() throws PurseException {
    try {
      return purse.balanceYen(cardWait);
    } catch (JposException e) {
      throw failure("read the balance", e);
    }
  }

  @Override
  public Movement subtract(Money amount, String transactionId)
      throws PurseException, InsufficientValueException {
    try {
      return movement(purse.subtract(amount.yen(), transactionId, cardWait));
    } catch (EMoneyPurse.InsufficientBalanceException e) {
      throw new InsufficientValueException(e.getMessage());
    } catch (JposException e) {
      throw failure("subtract " + amount + " as " + transactionId, e);
    }
  }

  @Override
  public Movement add(Money amount, String transactionId) throws PurseException {
    try {
      return movement(purse.add(amount.yen(), transactionId, cardWait));
    } catch (JposException e) {
      throw failure("add " + amount + " as " + transactionId, e);
    }
  }

  @Override
  public Optional<Movement> lastMovement() throws PurseException {
    try {
      Optional<EMoneyPurse.Transaction> last = purse.lastTransaction();
      return last.isEmpty() ? Optional.empty() : Optional.of(movement(last.get()));
    } catch (JposException e) {
      throw failure("read the last transaction", e);
    }
  }

  private Movement movement(EMoneyPurse.Transaction t) throws PurseException {
    String purseId;
    try {
      purseId = card.readChip().cardId().value();
    } catch (com.kippu.atm.card.CardException e) {
      throw new PurseException("cannot read the purse's card id: " + e.getMessage(), false, e);
    }
    return new Movement(
        purseId, t.subtract(), t.amountYen(), t.balanceYen(), t.transactionId(), t.cardSequence());
  }

  private PurseException failure(String what, JposException e) {
    boolean noCard =
        e.getErrorCode() == JposConst.JPOS_E_TIMEOUT
            || (e.getErrorCode() == JposConst.JPOS_E_EXTENDED
                && e.getErrorCodeExtended() == ElectronicValueRWConst.OPOS_EVRW_NOCARD);
    return new PurseException("e-money purse cannot " + what + ": " + e.getMessage(), noCard, e);
  }

  @Override
  public void close() throws JposException {
    purse.close();
  }
}
