package com.kippu.atm.flow.reservation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.card.CardAccess;
import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardId;
import com.kippu.atm.card.CardKey;
import com.kippu.atm.card.CardRecord;
import com.kippu.atm.card.CardRecordCodec;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.RecordType;
import com.kippu.atm.center.SignedDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Reservations on an IC card (F1-F3, S1 ¶41-42): the issuer's signed reservation info, exactly as
 * issued, sealed as a RESERVATION record of the write-once area through the card record codec.
 * Writing is idempotent: a reservation already on the card is not appended again.
 */
public final class ReservationRecords {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CardRecordCodec codec;
  private final CardAccess access;

  public ReservationRecords(CardRecordCodec codec, CardAccess access) {
    this.codec = codec;
    this.access = access;
  }

  /** Appends {@code reservation} unless the card holds it; checks that it reads back. */
  public void write(IcCard card, CardId cardId, SignedDocument reservation) throws CardException {
    CardKey key = access.unlock(card, cardId);
    List<byte[]> raw = card.readRecords();
    if (holds(codec.open(key, raw), reservation)) {
      return;
    }
    card.append(codec.seal(key, raw, RecordType.RESERVATION, encode(reservation)));
    if (!holds(codec.open(key, card.readRecords()), reservation)) {
      throw new CardException("reservation record did not read back from card " + cardId);
    }
  }

  /** The signed reservations on the card, oldest first. */
  public List<SignedDocument> read(IcCard card, CardId cardId) throws CardException {
    List<SignedDocument> found = new ArrayList<>();
    for (CardRecord r : codec.open(access.unlock(card, cardId), card.readRecords())) {
      if (r.type() == RecordType.RESERVATION) {
        found.add(decode(r.content()));
      }
    }
    return found;
  }

  private static boolean holds(List<CardRecord> records, SignedDocument reservation)
      throws CardException {
    for (CardRecord r : records) {
      if (r.type() == RecordType.RESERVATION
          && Arrays.equals(decode(r.content()).payload(), reservation.payload())) {
        return true;
      }
    }
    return false;
  }

  static byte[] encode(SignedDocument d) {
    ObjectNode node = JSON.createObjectNode();
    node.put("payload", Base64.getEncoder().encodeToString(d.payload()));
    node.put("signature", Base64.getEncoder().encodeToString(d.signature()));
    node.put("keyId", d.keyId());
    node.put("algorithm", d.algorithm());
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode reservation record", e);
    }
  }

  static SignedDocument decode(byte[] content) throws CardException {
    try {
      JsonNode node = JSON.readTree(content);
      return new SignedDocument(
          Base64.getDecoder().decode(node.get("payload").asText()),
          Base64.getDecoder().decode(node.get("signature").asText()),
          node.get("keyId").asText(),
          node.get("algorithm").asText());
    } catch (IOException | RuntimeException e) {
      throw new CardException("reservation record is not a signed reservation", e);
    }
  }
}
