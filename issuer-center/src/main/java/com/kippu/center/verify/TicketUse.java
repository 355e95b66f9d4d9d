package com.kippu.center.verify;

import java.time.Instant;

/** The one recorded entry of a ticket. */
public record TicketUse(String gateId, String entryId, Instant usedAt) {}
