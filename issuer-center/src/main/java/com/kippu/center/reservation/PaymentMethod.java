package com.kippu.center.reservation;

/** How the customer paid. F5 pays by bank account transfer at the ATM (S1 ¶57). */
public enum PaymentMethod {
  ACCOUNT_TRANSFER
}
