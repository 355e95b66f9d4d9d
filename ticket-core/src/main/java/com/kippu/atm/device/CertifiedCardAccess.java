package com.kippu.atm.device;

import com.kippu.atm.card.CardAccess;
import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.CardKey;
import com.kippu.atm.card.IcCard;
import com.kippu.devices.CardAccessExchange;
import com.kippu.devices.CardAccessExchange.Certificate;
import com.kippu.devices.CardAccessExchange.TerminalKey;
import java.security.GeneralSecurityException;
import java.util.Objects;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * {@link CardAccess} by certificate (S1 ¶41, ¶69, claim 12): this terminal's (or gate's) own X25519
 * key and the certificate the center's root key signed for it. The card checks the certificate and
 * hands its record key sealed to this terminal's key ({@link CardAccessExchange}); no terminal
 * holds a key that opens every card.
 */
public final class CertifiedCardAccess implements CardAccess {
  private final TerminalKey key;
  private final Certificate certificate;
  private final byte[] encoded;
  private final byte[] privateKey;

  public CertifiedCardAccess(TerminalKey key, Certificate certificate) {
    this.key = Objects.requireNonNull(key, "key");
    this.certificate = Objects.requireNonNull(certificate, "certificate");
    if (!java.util.Arrays.equals(key.publicKey(), certificate.publicKey())) {
      throw new IllegalArgumentException(
          "the card-access certificate of "
              + certificate.holder()
              + " is for another key than this terminal's");
    }
    this.encoded = certificate.encode();
    this.privateKey = key.privateKey();
  }

  /** X25519 (RFC 7748) with Bouncy Castle's constant-time code, several times the JDK's speed. */
  private byte[] agree(byte[] cardPoint) {
    if (cardPoint.length != X25519.POINT_SIZE) {
      throw new IllegalStateException("the card's point is not an X25519 public key");
    }
    byte[] shared = new byte[X25519.POINT_SIZE];
    if (!X25519.calculateAgreement(privateKey, 0, cardPoint, 0, shared, 0)) {
      throw new IllegalStateException("X25519 agreement with a low-order point");
    }
    return shared;
  }

  @Override
  public String holder() {
    return certificate.holder();
  }

  @Override
  public CardKey unlock(IcCard card, CardId cardId) throws CardException {
    byte[] answer = card.access(encoded);
    try {
      return new CardKey(
          cardId, CardAccessExchange.open(this::agree, certificate, cardId.value(), answer));
    } catch (GeneralSecurityException e) {
      throw new CardException(
          "card " + cardId + " handed over access information this terminal cannot open", e);
    }
  }
}
