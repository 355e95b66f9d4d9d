package com.kippu.center.catalog;

import com.kippu.center.signing.Ed25519;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * Fills an empty catalog with the demo: an issuer with a fresh Ed25519 key pair and one concert
 * with a 100-seat map (sections S and A, rows 1..5, seats 1..10), and a railway with one train
 * whose reserved seats are named by car (S1 ¶1-3: train, date, car, seat; cars 7 and 8, rows 1..5,
 * seats A..E). Does nothing when the catalog already has data, so restarts keep the keys and sales.
 */
public final class CatalogSeed {
  public static final IssuerId ISSUER = new IssuerId("tokyo-dome-promo");
  public static final EventId EVENT = new EventId("evt-2026-12-24-dome");
  public static final IssuerId RAILWAY = new IssuerId("kippu-railway");

  /** After the concert, so the concert stays the first event listed. */
  public static final EventId TRAIN = new EventId("trn-2026-12-28-nozomi-21");

  private static final int ROWS = 5;
  private static final int SEATS_PER_ROW = 10;

  /** A to E across a car. */
  private static final int SEATS_PER_TRAIN_ROW = 5;

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
    addSection(seats, EVENT, "S", SEATS_PER_ROW, 12_000);
    addSection(seats, EVENT, "A", SEATS_PER_ROW, 8_800);
    catalog.addEvent(concert, seats);
    catalog.addIssuer(new Issuer(RAILWAY, "Kippu Railway", "0009-001-5551234"), Ed25519.generate());
    Event train =
        new Event(
            TRAIN,
            RAILWAY,
            "Nozomi 21 Tokyo 09:00 - Shin-Osaka 11:27",
            Event.RAILWAY,
            "Tokaido Shinkansen",
            "Tokyo - Shin-Osaka",
            OffsetDateTime.parse("2026-12-28T09:00:00+09:00"));
    List<Seat> cars = new ArrayList<>();
    addSection(cars, TRAIN, "7", SEATS_PER_TRAIN_ROW, 14_720);
    addSection(cars, TRAIN, "8", SEATS_PER_TRAIN_ROW, 19_590);
    catalog.addEvent(train, cars);
    return true;
  }

  private static void addSection(
      List<Seat> seats, EventId event, String section, int perRow, long priceYen) {
    for (int row = 1; row <= ROWS; row++) {
      for (int number = 1; number <= perRow; number++) {
        seats.add(
            new Seat(
                event,
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
