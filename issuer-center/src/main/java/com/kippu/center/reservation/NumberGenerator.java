package com.kippu.center.reservation;

import java.security.SecureRandom;

/**
 * Random reservation and ticket numbers from a CSPRNG, so a number cannot be guessed from another
 * (a reservation number is enough to cancel a hold).
 */
public class NumberGenerator {
  private static final char[] ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
  private static final int UNBIASED_LIMIT = 256 - 256 % ALPHABET.length;

  private final SecureRandom random = new SecureRandom();

  public ReservationNumber reservationNumber() {
    return new ReservationNumber("R" + randomChars(10));
  }

  public TicketNumber ticketNumber() {
    return new TicketNumber("T" + randomChars(12));
  }

  /** A commuter pass's number (F7): the railway's and the card's reference to the sale. */
  public String passNumber() {
    return "P" + randomChars(12);
  }

  /** A card application's sale (F11): the issuer's reference to it. */
  public String applicationSaleNumber() {
    return "A" + randomChars(12);
  }

  /**
   * One draw of random bytes per number (not one per character: every draw of the platform's
   * generator takes a lock and may read the kernel's pool). Bytes of 252 and above are skipped so
   * every character stays equally likely (252 = 7 * 36).
   */
  private String randomChars(int length) {
    char[] chars = new char[length];
    byte[] bytes = new byte[length + length / 2];
    int filled = 0;
    while (filled < length) {
      random.nextBytes(bytes);
      for (int i = 0; i < bytes.length && filled < length; i++) {
        int b = bytes[i] & 0xFF;
        if (b < UNBIASED_LIMIT) {
          chars[filled++] = ALPHABET[b % ALPHABET.length];
        }
      }
    }
    return new String(chars);
  }
}
