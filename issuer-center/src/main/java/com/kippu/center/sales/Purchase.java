package com.kippu.center.sales;

import com.kippu.center.reservation.Hold;
import com.kippu.center.reservation.IssuedTicket;

/** A direct purchase (F6): the reservation made on the way and the ticket issued for it. */
public record Purchase(Hold hold, IssuedTicket ticket) {}
