package com.kippu.center.load;

import com.kippu.center.catalog.CatalogSeed;
import com.kippu.center.catalog.Event;
import com.kippu.center.catalog.EventId;
import com.kippu.center.catalog.Seat;
import com.kippu.center.catalog.SeatId;
import com.kippu.center.catalog.SeatStatus;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * A stadium-sized seat map for a flash sale: four price sections of equal size, rows of {@value
 * #SEATS_PER_ROW} seats, sold by the seeded issuer.
 */
final class Venue {
  static final int SEATS_PER_ROW = 50;

  private static final String[] SECTIONS = {"SS", "S", "A", "B"};
  private static final long[] PRICES = {15_000, 12_000, 8_800, 6_600};

  private Venue() {}

  static Event event(String eventId) {
    return new Event(
        new EventId(eventId),
        CatalogSeed.ISSUER,
        "Flash Sale Live",
        "pop",
        "Aoi Hoshino",
        "Tokyo Dome",
        OffsetDateTime.parse("2026-12-31T18:00:00+09:00"));
  }

  /** {@code count} seats spread over the four sections (the first sections take any remainder). */
  static List<Seat> seats(String eventId, int count) {
    EventId event = new EventId(eventId);
    List<Seat> seats = new ArrayList<>(count);
    for (int s = 0; s < SECTIONS.length; s++) {
      int inSection = count / SECTIONS.length + (s < count % SECTIONS.length ? 1 : 0);
      for (int i = 0; i < inSection; i++) {
        int row = 1 + i / SEATS_PER_ROW;
        int number = 1 + i % SEATS_PER_ROW;
        seats.add(
            new Seat(
                event,
                new SeatId(SECTIONS[s] + "-" + row + "-" + number),
                SECTIONS[s],
                Integer.toString(row),
                number,
                PRICES[s],
                SeatStatus.AVAILABLE));
      }
    }
    return seats;
  }
}
