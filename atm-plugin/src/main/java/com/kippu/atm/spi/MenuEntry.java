package com.kippu.atm.spi;

/** One option the plugin adds to the host ATM's main menu. */
public record MenuEntry(String id, String label) {}
