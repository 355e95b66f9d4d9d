package com.kippu.atm.bank;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * One transmission's identity and time stamps: STAN plus the instant it left the terminal, in the
 * forms ISO 8583 fields 7, 12, 13 and 37 need. Field 7 is UTC (GMT per ISO 8583:1987); 12 and 13
 * are the terminal's local time in the clock's zone.
 */
record Transmission(Stan stan, Instant at, ZoneId zone) {
  private static final DateTimeFormatter FIELD_7 = DateTimeFormatter.ofPattern("MMddHHmmss");
  private static final DateTimeFormatter FIELD_12 = DateTimeFormatter.ofPattern("HHmmss");
  private static final DateTimeFormatter FIELD_13 = DateTimeFormatter.ofPattern("MMdd");

  static Transmission next(StanSource stans, Clock clock) {
    return new Transmission(
        stans.next(), clock.instant().truncatedTo(ChronoUnit.SECONDS), clock.getZone());
  }

  /** Field 7 of a transmission made at {@code at}, e.g. for field 90 of a reversal. */
  static String field7(Instant at) {
    return FIELD_7.format(at.atZone(ZoneOffset.UTC));
  }

  String dateTime() {
    return field7(at);
  }

  String localTime() {
    return FIELD_12.format(at.atZone(zone));
  }

  String localDate() {
    return FIELD_13.format(at.atZone(zone));
  }

  /**
   * Field 37: last digit of the year, day of year, hour (local), then the STAN: unique per terminal
   * for a decade as long as STANs do not wrap within an hour.
   */
  String retrievalReference() {
    ZonedDateTime local = at.atZone(zone);
    return (local.getYear() % 10)
        + BankMessages.zeroPadded(local.getDayOfYear(), 3)
        + BankMessages.zeroPadded(local.getHour(), 2)
        + stan.value();
  }
}
