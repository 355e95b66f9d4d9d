package com.kippu.center.reservation;

import java.util.Optional;

/** A reservation's current state and, once issued, its ticket number. */
public record ReservationState(Reservation reservation, Optional<TicketNumber> ticketNumber) {}
