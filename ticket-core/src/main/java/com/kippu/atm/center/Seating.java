package com.kippu.atm.center;

/**
 * How an event's seats are named (S1 ¶1-3): a venue's block, row and seat number, or a train's car,
 * row and seat letter. The center names it per seat in its documents ({@code "seating": "CAR"};
 * absent for a venue).
 */
public enum Seating {
  VENUE,
  CAR;

  /** The genre under which railway issuers publish their trains. */
  public static final String RAILWAY_GENRE = "railway";

  /** The seating of a document's {@code seating} field; absent or unknown is a venue's. */
  public static Seating of(String field) {
    return "CAR".equals(field) ? CAR : VENUE;
  }

  /** The seating of an event published under {@code genre}. */
  public static Seating ofGenre(String genre) {
    return RAILWAY_GENRE.equals(genre) ? CAR : VENUE;
  }

  /** A train seat's letter: seat 1 is A (window), 2 is B and so on. */
  public static String letter(int number) {
    return number >= 1 && number <= 26 ? String.valueOf((char) ('A' + number - 1)) : "?";
  }
}
