/**
 * The cash unit: {@link com.kippu.devices.cash.CashUnit}, the plugin's view of any JavaPOS
 * CashChanger (deposit, change, counts, status), the yen value types ({@link
 * com.kippu.devices.cash.Denomination}, {@link com.kippu.devices.cash.CashCounts}), and the backend
 * ports Kippu's own CashChanger services are built from: {@link com.kippu.devices.cash.Dispenser},
 * {@link com.kippu.devices.cash.CashAcceptor} and the persisted {@link
 * com.kippu.devices.cash.CashLedger}.
 */
package com.kippu.devices.cash;
