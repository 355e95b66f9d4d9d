/**
 * The devices the ATM plugin uses, over any vendor's JavaPOS services: {@link
 * com.kippu.devices.IcCardReaderWriter} (SmartCardRW, APDUs of {@link com.kippu.devices.CardApdu};
 * the kiosk's {@link com.kippu.devices.CardStocker} and {@link com.kippu.devices.CardFacePrinter}
 * as directIO), {@link com.kippu.devices.ReceiptPrinter} and {@link
 * com.kippu.devices.TicketPrinter} (POSPrinter, documents as {@link
 * com.kippu.devices.PrintDocument}). Both are opened by logical name from a {@link
 * com.kippu.devices.jpos.JposRegistry}; every failure is a {@code jpos.JposException} naming the
 * logical name.
 */
package com.kippu.devices;
