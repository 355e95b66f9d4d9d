package com.kippu.atm.card;

import com.kippu.atm.payment.AccountNumber;

/**
 * What the card's chip area tells the terminal (S1 ¶41, ¶56): the card's id, its holder, the
 * account the holder pays from, and the e-money balance held on the card.
 */
public record ChipData(CardId cardId, String holderName, AccountNumber account, long emoneyYen) {}
