package com.kippu.atm.payment;

import java.time.Instant;

/**
 * What the bank host answered to a transfer. {@code responseCode} is ISO 8583 field 39 as received;
 * {@link #approved()} is true only for "00".
 *
 * @param stan system trace audit number of the request (field 11)
 * @param rrn retrieval reference number (field 37), the bank's reference the issuer can reconcile
 * @param approvalCode authorization id response (field 38), empty when declined
 * @param transmittedAt transmission date and time of the request (field 7)
 */
public record TransferResult(
    String responseCode, String stan, String rrn, String approvalCode, Instant transmittedAt) {

  public boolean approved() {
    return "00".equals(responseCode);
  }
}
