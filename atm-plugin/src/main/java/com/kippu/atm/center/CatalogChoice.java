package com.kippu.atm.center;

/** One entry of a browsing level (a genre, an artist) with how many events are on sale under it. */
public record CatalogChoice(String name, int events, Availability availability) {}
