/**
 * Simulated JavaPOS services, loaded from jpos.xml like any vendor's (sample: {@link
 * com.kippu.devices.sim.SimulatedDevices#RESOURCE}): an IC card reader/writer whose cards are image
 * files inserted into {@link com.kippu.devices.sim.SimulatedCardSlots}, receipt and ticket printers
 * that write one file per document, and the fault switches ({@link
 * com.kippu.devices.sim.SimulatedPaper}, {@link com.kippu.devices.sim.SimulatedHardware}). Main
 * code because the simulator and the tests both use them.
 */
package com.kippu.devices.sim;
