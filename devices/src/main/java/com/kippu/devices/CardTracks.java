package com.kippu.devices;

import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One swipe of a bank, debit or credit card as the MSR decoded it: the fields parsed from ISO 7813
 * tracks 1 and 2 (empty strings when the card has no such track) and the raw track data between the
 * sentinels, including the JIS-II track (JIS X 6302) of Japanese bank cards. The full PAN and the
 * tracks are for the bank host only: {@link #toString()} shows the masked PAN and no track data.
 *
 * @param pan primary account number (ISO/IEC 7812), or "" when no ISO track was read
 * @param expiryYymm expiry as {@code YYMM} (ISO 7813), or ""
 * @param serviceCode three-digit service code (ISO 7813), or ""
 * @param holderName the name on track 1 as printed, {@code "FIRST M SURNAME"}, or ""
 */
public record CardTracks(
    String pan,
    String expiryYymm,
    String serviceCode,
    String holderName,
    byte[] track1,
    byte[] track2,
    byte[] jis2) {

  public CardTracks {
    Objects.requireNonNull(pan, "pan");
    Objects.requireNonNull(expiryYymm, "expiryYymm");
    Objects.requireNonNull(serviceCode, "serviceCode");
    Objects.requireNonNull(holderName, "holderName");
    track1 = track1 == null ? new byte[0] : track1.clone();
    track2 = track2 == null ? new byte[0] : track2.clone();
    jis2 = jis2 == null ? new byte[0] : jis2.clone();
  }

  @Override
  public byte[] track1() {
    return track1.clone();
  }

  @Override
  public byte[] track2() {
    return track2.clone();
  }

  @Override
  public byte[] jis2() {
    return jis2.clone();
  }

  /** Track 2 as text, e.g. for ISO 8583 field 35 (Track 2 equivalent data). */
  public String track2Text() {
    return new String(track2, StandardCharsets.US_ASCII);
  }

  /** The JIS-II track as text (JIS X 0201 7-bit codes). */
  public String jis2Text() {
    return new String(jis2, StandardCharsets.ISO_8859_1);
  }

  /** The expiry month, when the card carries a valid {@code YYMM}. */
  public Optional<YearMonth> expiry() {
    if (!expiryYymm.matches("\\d{2}(0[1-9]|1[0-2])")) {
      return Optional.empty();
    }
    return Optional.of(
        YearMonth.of(
            2000 + Integer.parseInt(expiryYymm.substring(0, 2)),
            Integer.parseInt(expiryYymm.substring(2))));
  }

  /** Whether the PAN's last digit is its Luhn check digit (ISO/IEC 7812-1). */
  public boolean panValid() {
    return Pans.isValid(pan);
  }

  public String maskedPan() {
    return Pans.mask(pan);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CardTracks t
        && t.pan.equals(pan)
        && t.expiryYymm.equals(expiryYymm)
        && t.serviceCode.equals(serviceCode)
        && t.holderName.equals(holderName)
        && Arrays.equals(t.track1, track1)
        && Arrays.equals(t.track2, track2)
        && Arrays.equals(t.jis2, jis2);
  }

  @Override
  public int hashCode() {
    return Objects.hash(pan, expiryYymm, serviceCode, holderName);
  }

  @Override
  public String toString() {
    return "CardTracks[pan "
        + maskedPan()
        + ", expiry "
        + expiryYymm
        + ", service code "
        + serviceCode
        + ", tracks"
        + (track1.length > 0 ? " 1" : "")
        + (track2.length > 0 ? " 2" : "")
        + (jis2.length > 0 ? " JIS-II" : "")
        + "]";
  }
}
