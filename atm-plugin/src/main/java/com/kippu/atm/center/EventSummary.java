package com.kippu.atm.center;

import com.kippu.atm.payment.Money;

/** One line of the catalog as the terminal shows it when the customer picks an event. */
public record EventSummary(
    EventId eventId,
    IssuerId issuerId,
    String title,
    String genre,
    String artist,
    String venue,
    String startsAt,
    Money priceFrom,
    int availableSeats,
    int totalSeats,
    Availability availability) {}
