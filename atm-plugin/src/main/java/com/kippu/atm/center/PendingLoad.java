package com.kippu.atm.center;

import com.kippu.atm.card.CardId;
import com.kippu.atm.payment.Money;

/**
 * A recharge the center recorded whose value no terminal has reported on the card's chip yet (F11):
 * written into the purse under {@code purseTransactionId}, which the card takes once, wherever the
 * card is next inserted.
 */
public record PendingLoad(CardId cardId, String purseTransactionId, Money amount) {}
