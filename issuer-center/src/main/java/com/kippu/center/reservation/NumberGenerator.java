package com.kippu.center.reservation;

import java.security.SecureRandom;

/**
 * Random reservation and ticket numbers from a CSPRNG, so a number cannot be guessed from another
 * (a reservation number is enough to cancel a hold).
 */
public class NumberGenerator {
  private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();

  private final SecureRandom random = new SecureRandom();

  public ReservationNumber reservationNumber() {
    return new ReservationNumber("R" + randomChars(10));
  }

  public TicketNumber ticketNumber() {
    return new TicketNumber("T" + randomChars(12));
  }

  private String randomChars(int length) {
    StringBuilder sb = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }
}
