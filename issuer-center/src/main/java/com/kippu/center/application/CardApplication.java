package com.kippu.center.application;

import com.kippu.center.catalog.IssuerId;
import java.time.Instant;
import java.util.Objects;

/**
 * An issuer's application for CPU cards (S2 ¶21, ¶45, ¶53): its id and version, the card AID it
 * installs under, its name, its price, and its code with the code's SHA-256.
 */
public record CardApplication(
    String appId,
    int version,
    IssuerId issuerId,
    String aidHex,
    String name,
    long priceYen,
    byte[] code,
    String codeSha256,
    Instant uploadedAt) {
  public CardApplication {
    Objects.requireNonNull(appId, "appId");
    Objects.requireNonNull(issuerId, "issuerId");
    code = code.clone();
  }

  @Override
  public byte[] code() {
    return code.clone();
  }
}
