/**
 * The in-company note dispenser on Raspberry Pi GPIO through Pi4J: {@link
 * com.kippu.devices.gpio.GpioNoteDispenser} (motor, count sensor, shutter with limit switches and
 * interlock, note-present sensor, status LEDs) and {@link com.kippu.devices.gpio.GpioCashChanger},
 * the JavaPOS CashChanger service over it. Pins and timeouts come from jpos.xml ({@link
 * com.kippu.devices.gpio.GpioDispenserConfig}).
 */
package com.kippu.devices.gpio;
