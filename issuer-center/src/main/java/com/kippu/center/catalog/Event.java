package com.kippu.center.catalog;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/** An event on sale, owned by one issuer. The start keeps the venue's local offset. */
public record Event(
    EventId eventId,
    IssuerId issuerId,
    String title,
    String genre,
    String artist,
    String venue,
    OffsetDateTime startsAt) {

  public Event {
    Objects.requireNonNull(eventId, "eventId");
    Objects.requireNonNull(issuerId, "issuerId");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(startsAt, "startsAt");
  }

  /** The genre under which railway issuers publish their trains: seats named by car and letter. */
  public static final String RAILWAY = "railway";

  /**
   * How the documents name this event's seats: {@code CAR} (car, row, seat letter) for a train,
   * {@code VENUE} (block, row, seat number) for anything else.
   */
  public String seating() {
    return RAILWAY.equals(genre) ? "CAR" : "VENUE";
  }

  /** ISO-8601 with offset and seconds, e.g. {@code 2026-12-24T18:00:00+09:00}. */
  public String startsAtText() {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(startsAt);
  }
}
