/**
 * The devices the ATM plugin uses, over any vendor's JavaPOS services: {@link
 * com.kippu.devices.IcCardReaderWriter} (SmartCardRW, APDUs of {@link com.kippu.devices.CardApdu};
 * the kiosk's {@link com.kippu.devices.CardStocker} and {@link com.kippu.devices.CardFacePrinter}
 * as directIO), {@link com.kippu.devices.ReceiptPrinter} and {@link
 * com.kippu.devices.TicketPrinter} (POSPrinter, documents as {@link
 * com.kippu.devices.PrintDocument}), {@link com.kippu.devices.MagneticCardReader} (MSR, swipes as
 * {@link com.kippu.devices.CardTracks}), {@link com.kippu.devices.PinEntry} (PINPad, ISO 9564-1
 * format 0 blocks) and {@link com.kippu.devices.EMoneyPurse} (ElectronicValueRW, the card purse of
 * {@link com.kippu.devices.PurseApdu}). All are opened by logical name from a {@link
 * com.kippu.devices.jpos.JposRegistry}; every failure is a {@code jpos.JposException} naming the
 * logical name, and a PAN appears only masked ({@link com.kippu.devices.Pans#mask}).
 */
package com.kippu.devices;
