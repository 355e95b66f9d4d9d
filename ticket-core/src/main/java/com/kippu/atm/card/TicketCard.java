package com.kippu.atm.card;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.atm.center.SignedDocument;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Electronic tickets on an IC card: writes a signed ticket as a sealed TICKET record (a commuter
 * pass as a PASS record) and reads the records back. Writing is idempotent: a ticket already on the
 * card is not appended again, because recovery may repeat the write after a power loss.
 */
public final class TicketCard {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final CardRecordCodec codec;
  private final CardAccess access;

  public TicketCard(CardRecordCodec codec, CardAccess access) {
    this.codec = codec;
    this.access = access;
  }

  /** The card in the reader, unlocked for this terminal by the card itself. */
  public CardKey unlock(IcCard card, CardId cardId) throws CardException {
    return access.unlock(card, cardId);
  }

  /** Appends {@code ticket} unless the card already holds it; verifies it reads back after. */
  public void write(IcCard card, CardId cardId, SignedDocument ticket) throws CardException {
    write(card, cardId, RecordType.TICKET, ticket);
  }

  /**
   * Appends the commuter pass a railway signed (F7) as a PASS record, unless the card already holds
   * it; verifies it reads back after.
   */
  public void writePass(IcCard card, CardId cardId, SignedDocument pass) throws CardException {
    write(card, cardId, RecordType.PASS, pass);
  }

  private void write(IcCard card, CardId cardId, RecordType type, SignedDocument document)
      throws CardException {
    CardKey key = unlock(card, cardId);
    List<byte[]> raw = card.readRecords();
    if (holds(codec.scan(key, raw).records(), type, document)) {
      return;
    }
    card.append(codec.seal(key, raw, type, encode(document)));
    if (!holds(codec.scan(key, card.readRecords()).records(), type, document)) {
      throw new CardException(type + " record did not read back from card " + cardId);
    }
  }

  /**
   * Appends the holder record (user id and card id, S2 ¶37) unless the card already names a holder;
   * verifies it reads back after. Returns the holder the card names.
   */
  public CardHolder writeHolder(IcCard card, CardId cardId, CardHolder holder)
      throws CardException {
    CardKey key = unlock(card, cardId);
    List<byte[]> raw = card.readRecords();
    java.util.Optional<CardHolder> named = holder(codec.scan(key, raw).records());
    if (named.isPresent()) {
      return named.get();
    }
    card.append(codec.seal(key, raw, RecordType.HOLDER, holder.encode()));
    return holder(codec.scan(key, card.readRecords()).records())
        .orElseThrow(
            () -> new CardException("holder record did not read back from card " + cardId));
  }

  /** The holder the card names, the first HOLDER record among {@code records}. */
  public static java.util.Optional<CardHolder> holder(List<CardRecord> records)
      throws CardException {
    for (CardRecord r : records) {
      if (r.type() == RecordType.HOLDER) {
        return java.util.Optional.of(CardHolder.decode(r.content()));
      }
    }
    return java.util.Optional.empty();
  }

  /**
   * The records on the card that open under its key, oldest first. A record that does not (junk
   * anyone with a reader can append, a torn write) is skipped, so it never hides the good ones;
   * {@link #scan} says what was skipped.
   */
  public List<CardRecord> read(IcCard card, CardId cardId) throws CardException {
    return scan(card, cardId).records();
  }

  /** The records that open and a line for each that does not. */
  public CardRecordCodec.RecordScan scan(IcCard card, CardId cardId) throws CardException {
    return codec.scan(unlock(card, cardId), card.readRecords());
  }

  /** The signed tickets among {@code records}, oldest first. */
  public static List<SignedDocument> tickets(List<CardRecord> records) throws CardException {
    return signed(records, RecordType.TICKET);
  }

  /** The signed commuter passes among {@code records}, oldest first. */
  public static List<SignedDocument> passes(List<CardRecord> records) throws CardException {
    return signed(records, RecordType.PASS);
  }

  private static List<SignedDocument> signed(List<CardRecord> records, RecordType type)
      throws CardException {
    List<SignedDocument> documents = new ArrayList<>();
    for (CardRecord r : records) {
      if (r.type() == type) {
        documents.add(decode(r.content()));
      }
    }
    return documents;
  }

  private static boolean holds(List<CardRecord> records, RecordType type, SignedDocument document)
      throws CardException {
    for (SignedDocument d : signed(records, type)) {
      if (Arrays.equals(d.payload(), document.payload())) {
        return true;
      }
    }
    return false;
  }

  /** The content of a TICKET record: the signed envelope as issued. */
  public static byte[] encode(SignedDocument d) {
    ObjectNode node = JSON.createObjectNode();
    node.put("payload", Base64.getEncoder().encodeToString(d.payload()));
    node.put("signature", Base64.getEncoder().encodeToString(d.signature()));
    node.put("keyId", d.keyId());
    node.put("algorithm", d.algorithm());
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode ticket record", e);
    }
  }

  /** The signed ticket a TICKET record holds. */
  public static SignedDocument decode(byte[] content) throws CardException {
    try {
      JsonNode node = JSON.readTree(content);
      return new SignedDocument(
          Base64.getDecoder().decode(node.get("payload").asText()),
          Base64.getDecoder().decode(node.get("signature").asText()),
          node.get("keyId").asText(),
          node.get("algorithm").asText());
    } catch (IOException | RuntimeException e) {
      throw new CardException("ticket record is not a signed ticket", e);
    }
  }
}
