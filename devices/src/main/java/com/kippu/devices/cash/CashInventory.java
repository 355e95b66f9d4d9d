package com.kippu.devices.cash;

/**
 * A cash unit's counts as UnifiedPOS readCashCounts reports them; {@code discrepancy} says the
 * counts may not match the cash inside (the unit lost track of some pieces).
 */
public record CashInventory(CashCounts counts, boolean discrepancy) {}
