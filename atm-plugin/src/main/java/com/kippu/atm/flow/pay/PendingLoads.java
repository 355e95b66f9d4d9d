package com.kippu.atm.flow.pay;

import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.PendingLoad;
import com.kippu.atm.payment.Money;
import com.kippu.atm.payment.Purse;
import java.util.List;
import java.util.logging.Logger;

/**
 * Writes onto the card in the reader the recharges the center recorded for it that never reached
 * its chip (F11), whichever terminal recorded them. A recharge whose card was taken out before the
 * purse write, or whose terminal stopped, ends there as a pending load at the center: the value is
 * the customer's from the moment the center recorded it, and any terminal with an e-money reader
 * loads it the next time the card is inserted. Each load goes on under the purse transaction id the
 * center keeps for it, which the card takes once (its value log answers an id it holds with that
 * record), so two terminals, or a repeat after a lost report, never load it twice. Only then is it
 * reported loaded. A center that cannot be asked now, or a card that leaves, leaves the loads for
 * the next insertion.
 */
public final class PendingLoads {
  private static final Logger LOG = Logger.getLogger(PendingLoads.class.getName());

  private final IssuerCenter center;
  private final PurseLoad purse;

  public PendingLoads(IssuerCenter center, PurseLoad purse) {
    this.center = center;
    this.purse = purse;
  }

  /**
   * Loads what the center holds pending for {@code card} while it is in the reader.
   *
   * @return the value now on the chip from pending loads (written now, or found written)
   */
  public Money pickUp(CardId card) {
    List<PendingLoad> loads;
    try {
      loads = center.pendingLoads(card);
    } catch (CenterException e) {
      LOG.info("pending loads of card " + card + " not asked now: " + e.getMessage());
      return Money.yen(0);
    }
    long loaded = 0;
    for (PendingLoad l : loads) {
      try {
        if (purse.loadAs(card, l.amount(), l.purseTransactionId()) != PurseLoad.Result.LOADED) {
          return Money.yen(loaded);
        }
        loaded += l.amount().yen();
        LOG.info("pending load " + l.purseTransactionId() + " of " + l.amount() + " on " + card);
        center.loaded(card, l.purseTransactionId());
      } catch (Purse.PurseException e) {
        LOG.warning("pending load " + l.purseTransactionId() + " not written: " + e.getMessage());
        return Money.yen(loaded);
      } catch (CenterException e) {
        // On the chip; reported again at the next insertion (the card moves nothing twice).
        LOG.info("pending load " + l.purseTransactionId() + " not reported: " + e.getMessage());
      }
    }
    return Money.yen(loaded);
  }
}
