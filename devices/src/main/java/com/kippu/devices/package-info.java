/**
 * The devices the ATM plugin uses, over any vendor's JavaPOS services: {@link
 * com.kippu.devices.IcCardReaderWriter} (SmartCardRW, APDUs of {@link com.kippu.devices.CardApdu})
 * and {@link com.kippu.devices.ReceiptPrinter} (POSPrinter receipt station). Both are opened by
 * logical name from a {@link com.kippu.devices.jpos.JposRegistry}; every failure is a {@code
 * jpos.JposException} naming the logical name.
 */
package com.kippu.devices;
