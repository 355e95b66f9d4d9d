package com.kippu.devices.cash;

/** The cash a customer has inserted in the current (or last) deposit, and its value in yen. */
public record Deposit(long amountYen, CashCounts counts) {}
