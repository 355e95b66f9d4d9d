package com.kippu.atm.spi;

/** A seat's name as a screen argument, rendered per language ("Sec A Row 1 Seat 2", "A席1列2番"). */
public record SeatName(String section, String row, int number) {}
