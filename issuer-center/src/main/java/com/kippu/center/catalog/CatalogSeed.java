package com.kippu.center.catalog;

import com.kippu.center.signing.Ed25519;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills an empty catalog with the F5 demo: one issuer with a fresh Ed25519 key pair and one concert
 * with a 100-seat map (sections S and A, rows 1..5, seats 1..10). Does nothing when the catalog
 * already has data, so restarts keep the keys and sales.
 */
public final class CatalogSeed {
  public static final IssuerId ISSUER = new IssuerId("tokyo-dome-promo");
  public static final EventId EVENT = new EventId("evt-2026-12-24-dome");

  private static final int ROWS = 5;
  private static final int SEATS_PER_ROW = 10;

  private final CatalogRepository catalog;

  public CatalogSeed(CatalogRepository catalog) {
    this.catalog = catalog;
  }

  /** Seeds when empty; returns true when it did. */
  public boolean seedIfEmpty() {
    if (!catalog.isEmpty()) {
      return false;
    }
    catalog.addIssuer(
        new Issuer(ISSUER, "Tokyo Dome Promotions", "0009-001-7654321"), Ed25519.generate());
    Event concert =
        new Event(
            EVENT,
            ISSUER,
            "Winter Gala Live",
            "pop",
            "Aoi Hoshino",
            "Tokyo Dome",
            OffsetDateTime.parse("2026-12-24T18:00:00+09:00"));
    List<Seat> seats = new ArrayList<>();
    addSection(seats, "S", 12_000);
    addSection(seats, "A", 8_800);
    catalog.addEvent(concert, seats);
    return true;
  }

  private static void addSection(List<Seat> seats, String section, long priceYen) {
    for (int row = 1; row <= ROWS; row++) {
      for (int number = 1; number <= SEATS_PER_ROW; number++) {
        seats.add(
            new Seat(
                EVENT,
                new SeatId(section + "-" + row + "-" + number),
                section,
                Integer.toString(row),
                number,
                priceYen,
                SeatStatus.AVAILABLE));
      }
    }
  }
}
