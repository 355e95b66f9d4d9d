package com.kippu.atm.payment;

import java.time.Instant;

/**
 * What the card's host answered to an authorization. {@code responseCode} is ISO 8583 field 39 as
 * received (55 wrong PIN, 75 PIN tries exceeded, 54 expired, 51 insufficient funds or limit, 91
 * issuer unavailable); {@link #approved()} is true only for "00".
 *
 * @param stan system trace audit number of the 0100 (field 11)
 * @param rrn retrieval reference number (field 37)
 * @param approvalCode authorization id response (field 38), empty when declined
 * @param transmittedAt transmission date and time of the 0100 (field 7)
 */
public record AuthorizationResult(
    String responseCode, String stan, String rrn, String approvalCode, Instant transmittedAt) {

  public boolean approved() {
    return "00".equals(responseCode);
  }
}
