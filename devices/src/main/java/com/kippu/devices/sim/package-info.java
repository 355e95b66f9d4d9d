/**
 * Simulated JavaPOS services, loaded from jpos.xml like any vendor's (sample: {@link
 * com.kippu.devices.sim.SimulatedDevices#RESOURCE}): an IC card reader/writer and an e-money
 * reader/writer whose cards are image files inserted into {@link
 * com.kippu.devices.sim.SimulatedCardSlots}, receipt and ticket printers that write one file per
 * document, a magnetic stripe reader fed by {@link com.kippu.devices.sim.SimulatedMagstripes}, a
 * PIN pad typed on through {@link com.kippu.devices.sim.SimulatedKeypads}, and the fault switches
 * ({@link com.kippu.devices.sim.SimulatedPaper}, {@link com.kippu.devices.sim.SimulatedHardware},
 * {@link com.kippu.devices.sim.SimulatedEMoney}). Main code because the simulator and the tests
 * both use them.
 */
package com.kippu.devices.sim;
