package com.kippu.atm.center;

import com.kippu.atm.card.CardApplication;
import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.Money;

/**
 * An issuer's card application as fetched from the center (F11, S2 ¶21, ¶45): the descriptor its
 * issuer signed (verified under the issuer's certified key) and the code whose SHA-256 it names
 * (checked), with the price and the issuer account to pay.
 */
public record ApplicationPackage(
    String appId,
    IssuerId issuerId,
    String issuerName,
    AccountNumber issuerAccount,
    Money price,
    CardApplication application,
    SignedDocument signed) {}
