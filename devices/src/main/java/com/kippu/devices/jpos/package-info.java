/**
 * The JavaPOS "control" side: reading the standard jpos.xml ({@link
 * com.kippu.devices.jpos.JposRegistry}), creating services by logical name, driving their
 * open/claim/enable lifecycle ({@link com.kippu.devices.jpos.DeviceSession}) and delivering their
 * events in order on a dedicated thread ({@link com.kippu.devices.jpos.EventDispatcher}).
 */
package com.kippu.devices.jpos;
