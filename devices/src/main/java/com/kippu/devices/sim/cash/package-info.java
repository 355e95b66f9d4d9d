/**
 * The simulated cash unit: {@link com.kippu.devices.sim.cash.SimulatedCashChanger}, a JavaPOS
 * CashChanger service loaded from jpos.xml, whose customer side (insert cash, take change and
 * repaid deposits, fault switches) is {@link com.kippu.devices.sim.cash.SimulatedCashUnits}.
 */
package com.kippu.devices.sim.cash;
