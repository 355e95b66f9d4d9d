package com.kippu.center.card;

import com.kippu.center.reservation.CardId;
import java.time.Instant;

/**
 * A recharge's value recorded here and not yet reported on the card's chip (F11): the purse
 * transaction id every terminal writes it under, so the card takes it once wherever it is next
 * inserted.
 */
public record PendingLoad(
    String saleId, CardId cardId, String transactionId, long amountYen, Instant recordedAt) {}
