package com.kippu.center.browse;

import com.kippu.center.product.CardType;

/** A card type on the first menu (S2 ¶22) and how many things are on sale under it. */
public record CardTypeChoice(CardType cardType, int offers) {}
