package com.kippu.atm.center;

/** A railway section a commuter pass is valid on, and for how many days (S2 ¶21, ¶26). */
public record RailSection(String line, String fromStation, String toStation, int periodDays) {}
