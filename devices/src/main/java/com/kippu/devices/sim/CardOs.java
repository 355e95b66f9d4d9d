package com.kippu.devices.sim;

import static com.kippu.devices.CardApdu.*;

import com.kippu.devices.CardAccessExchange;
import com.kippu.devices.CardApdu;
import com.kippu.devices.CardApdu.Command;
import com.kippu.devices.CardApdu.Response;
import com.kippu.devices.CardApplets;
import com.kippu.devices.CardAuthentication;
import com.kippu.devices.DeviceCommits;
import com.kippu.devices.PurseApdu;
import com.kippu.devices.PurseApdu.ValueRecord;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The simulated card's operating system: answers the {@link com.kippu.devices.CardApdu} and {@link
 * PurseApdu} command sets against a card image file. Stateless between commands (no SELECT, files
 * are addressed by short file identifier), so the image file is always the single source of truth.
 * The e-money balance is the last value log record's (the chip area's e-money field on format 1
 * cards, which have no value log); READ BINARY of the chip area reports it in that field. Commands
 * run one at a time across every reader in the JVM, so a DEBIT's read-check-append is atomic.
 */
final class CardOs {

  private static final Object LOCK = new Object();

  /** Where a write finds out whether the card is pulled mid-write: bytes to keep, or -1. */
  @FunctionalInterface
  interface TearSwitch {
    int take();
  }

  /** The card left the reader during a write; part of a frame may be on the card. */
  static final class CardPulledException extends IOException {
    CardPulledException() {
      super("card pulled out during a write; the record was not written");
    }
  }

  private CardOs() {}

  /**
   * Executes one command APDU.
   *
   * @throws IOException when the image cannot be read or written, or its header is corrupt
   */
  static Response process(Path image, byte[] apdu) throws IOException {
    return process(image, apdu, () -> -1);
  }

  /**
   * Executes one command APDU; a write asks {@code tear} first and, when it is armed, writes only
   * part of its frame and throws {@link CardPulledException}.
   */
  static Response process(Path image, byte[] apdu, TearSwitch tear) throws IOException {
    Command c;
    try {
      c = Command.decode(apdu);
    } catch (IllegalArgumentException e) {
      return Response.status(SW_WRONG_LENGTH);
    }
    synchronized (LOCK) {
      if (c.cla() == PurseApdu.CLA_PROPRIETARY) {
        return switch (c.ins()) {
          case PurseApdu.INS_DEBIT -> moveValue(image, c, true, tear);
          case PurseApdu.INS_CREDIT -> moveValue(image, c, false, tear);
          case CardAccessExchange.INS_GET_ACCESS -> access(image, c);
          case CardApplets.INS_INSTALL -> install(image, c);
          default -> Response.status(SW_INS_NOT_SUPPORTED);
        };
      }
      if (c.cla() != CLA) {
        return Response.status(SW_CLA_NOT_SUPPORTED);
      }
      return switch (c.ins()) {
        case INS_READ_BINARY -> readBinary(image, c);
        case INS_READ_RECORD -> readRecord(image, c);
        case INS_APPEND_RECORD -> appendRecord(image, c, tear);
        case INS_GET_DATA -> getData(image, c);
        case INS_INTERNAL_AUTHENTICATE -> internalAuthenticate(image, c);
        case INS_UPDATE_BINARY,
                INS_WRITE_BINARY,
                INS_ERASE_BINARY,
                INS_UPDATE_RECORD,
                INS_WRITE_RECORD,
                INS_ERASE_RECORD ->
            modify(image, c);
        default -> Response.status(SW_INS_NOT_SUPPORTED);
      };
    }
  }

  private static Response readBinary(Path image, Command c) throws IOException {
    if ((c.p1() & 0x80) == 0) {
      return Response.status(SW_NOT_ALLOWED); // no current EF: this card has no SELECT
    }
    int sfi = c.p1() & 0x1F;
    if (sfi == SFI_WRITE_ONCE_AREA || sfi == PurseApdu.SFI_VALUE_LOG) {
      return Response.status(SW_INCOMPATIBLE_FILE);
    }
    if (sfi != SFI_CHIP_AREA) {
      return Response.status(SW_FILE_NOT_FOUND);
    }
    CardImage img = CardImage.read(image);
    byte[] area = presentedChipArea(img, image);
    int offset = c.p2();
    if (offset > area.length) {
      return Response.status(SW_WRONG_P1P2);
    }
    int n = Math.min(c.ne(), area.length - offset);
    return new Response(Arrays.copyOfRange(area, offset, offset + n), SW_OK);
  }

  /** The chip area with the e-money field showing the current balance (format 2). */
  private static byte[] presentedChipArea(CardImage img, Path image) throws IOException {
    byte[] area = img.chipArea();
    if (!img.hasValueLog()) {
      return area;
    }
    try {
      decodeChipArea(area);
    } catch (IllegalArgumentException e) {
      return area; // an unreadable chip area is reported by the terminal that parses it
    }
    return PurseApdu.withBalance(area, purse(img, image).balanceYen());
  }

  private static Response readRecord(Path image, Command c) throws IOException {
    int sfi = c.p2() >> 3;
    if ((c.p2() & 0x07) != 0x04 || c.p1() == 0) {
      return Response.status(SW_WRONG_P1P2); // only "record number in P1" is supported
    }
    if (sfi == SFI_CHIP_AREA) {
      return Response.status(SW_INCOMPATIBLE_FILE);
    }
    CardImage img = CardImage.read(image);
    List<byte[]> records;
    if (sfi == SFI_WRITE_ONCE_AREA) {
      records = img.records();
    } else if (sfi == PurseApdu.SFI_VALUE_LOG && img.hasValueLog()) {
      records = img.values();
    } else {
      return Response.status(SW_FILE_NOT_FOUND);
    }
    if (c.p1() > records.size()) {
      return Response.status(SW_RECORD_NOT_FOUND);
    }
    byte[] r = records.get(c.p1() - 1);
    if (r.length > c.ne()) {
      return Response.status(SW_WRONG_LENGTH);
    }
    return new Response(r, SW_OK);
  }

  private static Response appendRecord(Path image, Command c, TearSwitch tear) throws IOException {
    if (c.p1() != 0 || (c.p2() & 0x07) != 0) {
      return Response.status(SW_WRONG_P1P2);
    }
    int sfi = c.p2() >> 3;
    if (sfi == SFI_CHIP_AREA) {
      return Response.status(SW_INCOMPATIBLE_FILE);
    }
    if (sfi == PurseApdu.SFI_VALUE_LOG) {
      return Response.status(SW_SECURITY_NOT_SATISFIED); // written by DEBIT and CREDIT only
    }
    if (sfi != SFI_WRITE_ONCE_AREA) {
      return Response.status(SW_FILE_NOT_FOUND);
    }
    byte[] record = c.data();
    if (record.length == 0) {
      return Response.status(SW_WRONG_LENGTH);
    }
    if (record.length > CardImage.MAX_RECORD) {
      return Response.status(SW_NOT_ENOUGH_MEMORY);
    }
    CardImage.read(image); // refuse to append to an image whose header is corrupt
    int keep = tear.take();
    if (keep >= 0) {
      CardImage.appendTorn(image, record, keep);
      throw new CardPulledException();
    }
    CardImage.append(image, record);
    DeviceCommits.committed(DeviceCommits.CARD_RECORD);
    return Response.status(SW_OK);
  }

  /** The card's key answers the challenge; the key itself is never in any response. */
  private static Response internalAuthenticate(Path image, Command c) throws IOException {
    if (c.p1() != 0 || c.p2() != 0) {
      return Response.status(SW_WRONG_P1P2);
    }
    byte[] challenge = c.data();
    if (challenge.length < CardAuthentication.MIN_CHALLENGE
        || challenge.length > CardAuthentication.MAX_CHALLENGE) {
      return Response.status(SW_WRONG_LENGTH);
    }
    byte[] key = CardImage.read(image).cardKey();
    if (key == null) {
      return Response.status(SW_REFERENCED_DATA_NOT_FOUND);
    }
    return new Response(CardAuthentication.response(key, challenge), SW_OK);
  }

  /**
   * The card's access information, sealed to the certified terminal that asks ({@link
   * CardAccessExchange}); a certificate the center's root key did not sign gets 6982, a card
   * personalised without access information (or copied through a reader) 6A88.
   */
  private static Response access(Path image, Command c) throws IOException {
    if (c.p1() != 0 || c.p2() != 0) {
      return Response.status(SW_WRONG_P1P2);
    }
    CardImage img = CardImage.read(image);
    byte[] access = img.access();
    if (access == null || access.length <= CardAccessExchange.RECORD_KEY_LENGTH) {
      return Response.status(SW_REFERENCED_DATA_NOT_FOUND);
    }
    byte[] recordKey = Arrays.copyOf(access, CardAccessExchange.RECORD_KEY_LENGTH);
    byte[] root = Arrays.copyOfRange(access, CardAccessExchange.RECORD_KEY_LENGTH, access.length);
    String cardId = CardApdu.decodeChipArea(img.chipArea()).cardId();
    return CardAccessExchange.answer(recordKey, root, cardId, c.data())
        .map(answer -> new Response(answer, SW_OK))
        .orElseGet(() -> Response.status(SW_SECURITY_NOT_SATISFIED));
  }

  /**
   * INSTALL [for install and make selectable]: appends the package as an application of the card,
   * unless the same AID is installed in this version or a newer one.
   */
  private static Response install(Path image, Command c) throws IOException {
    if (c.p1() != CardApplets.P1_INSTALL_AND_SELECTABLE) {
      return Response.status(SW_WRONG_P1P2);
    }
    CardApplets.Applet applet;
    try {
      applet = CardApplets.Applet.decode(c.data());
    } catch (RuntimeException e) {
      return Response.status(SW_WRONG_LENGTH);
    }
    for (CardApplets.Applet a : installed(CardImage.read(image))) {
      if (Arrays.equals(a.aid(), applet.aid()) && a.version() >= applet.version()) {
        return Response.status(CardApplets.SW_ALREADY_INSTALLED);
      }
    }
    CardImage.appendApplet(image, c.data());
    DeviceCommits.committed(DeviceCommits.CARD_RECORD);
    return Response.status(SW_OK);
  }

  /** The newest version of each installed AID, in the order first installed. */
  private static List<CardApplets.Applet> installed(CardImage img) {
    java.util.Map<String, CardApplets.Applet> byAid = new java.util.LinkedHashMap<>();
    for (byte[] frame : img.applets()) {
      try {
        CardApplets.Applet a = CardApplets.Applet.decode(frame);
        byAid.put(java.util.HexFormat.of().formatHex(a.aid()), a);
      } catch (RuntimeException e) {
        // an unreadable frame is no application
      }
    }
    return new ArrayList<>(byAid.values());
  }

  private static Response getData(Path image, Command c) throws IOException {
    int tag = (c.p1() << 8) | c.p2();
    CardImage img = CardImage.read(image);
    return switch (tag) {
      case DO_AREA_STATUS -> {
        ByteBuffer b = ByteBuffer.allocate(4);
        b.putShort((short) img.records().size()).putShort((short) img.tornFragments());
        yield new Response(b.array(), SW_OK);
      }
      case CardApplets.DO_APPLICATIONS ->
          new Response(CardApplets.encodeList(installed(img)), SW_OK);
      case PurseApdu.DO_PURSE_STATUS -> new Response(purse(img, image).status().encode(), SW_OK);
      case PurseApdu.DO_LAST_VALUE_RECORD -> {
        Purse p = purse(img, image);
        yield p.records.isEmpty()
            ? Response.status(SW_RECORD_NOT_FOUND)
            : new Response(p.records.get(p.records.size() - 1).encode(), SW_OK);
      }
      default -> Response.status(SW_RECORD_NOT_FOUND); // referenced data not found
    };
  }

  /**
   * DEBIT or CREDIT: checks the balance and limit, appends one value record and answers with it. A
   * request with the id of any record in the log is a repeat: the card answers with that record and
   * moves no value. Searching the whole log, not only the last record, keeps a load or payment
   * single even when the card moved value under other ids since (a terminal whose journal lost the
   * write retries after the card paid elsewhere).
   */
  private static Response moveValue(Path image, Command c, boolean debit, TearSwitch tear)
      throws IOException {
    if (c.p1() != 0 || c.p2() != 0) {
      return Response.status(SW_WRONG_P1P2);
    }
    PurseApdu.Request request;
    try {
      request = PurseApdu.Request.decode(c.data());
    } catch (IllegalArgumentException e) {
      return Response.status(PurseApdu.SW_WRONG_DATA);
    }
    CardImage img = CardImage.read(image);
    if (!img.hasValueLog()) {
      return Response.status(SW_FILE_NOT_FOUND); // a format 1 card has no value log
    }
    Purse purse = purse(img, image);
    long delta = debit ? -request.amountYen() : request.amountYen();
    Optional<ValueRecord> earlier = purse.recordOf(request.transactionId());
    if (earlier.isPresent()) {
      return earlier.get().deltaYen() == delta
          ? new Response(earlier.get().encode(), SW_OK)
          : Response.status(PurseApdu.SW_WRONG_DATA);
    }
    long balance = purse.balanceYen() + delta;
    if (balance < 0 || (!debit && balance > PurseApdu.MAX_BALANCE_YEN)) {
      return Response.status(PurseApdu.SW_CONDITIONS_NOT_SATISFIED);
    }
    byte[] record =
        new ValueRecord(purse.records.size() + 1, delta, balance, request.transactionId()).encode();
    int keep = tear.take();
    if (keep >= 0) {
      CardImage.appendValueTorn(image, record, keep);
      throw new CardPulledException();
    }
    CardImage.appendValue(image, record);
    DeviceCommits.committed(DeviceCommits.PURSE);
    return new Response(record, SW_OK);
  }

  private static Response modify(Path image, Command c) throws IOException {
    CardImage.read(image); // a corrupt card reports that first, whatever the command
    int sfi =
        switch (c.ins()) {
          case INS_UPDATE_BINARY, INS_WRITE_BINARY, INS_ERASE_BINARY ->
              (c.p1() & 0x80) != 0 ? c.p1() & 0x1F : -1;
          default -> c.p2() >> 3;
        };
    if (sfi == SFI_CHIP_AREA) {
      // The chip area is personalised by the issuer only; no terminal key can change it.
      return Response.status(SW_SECURITY_NOT_SATISFIED);
    }
    // The write-once area and the value log: what is written stays written (S1 ¶28, ¶78).
    return Response.status(SW_NOT_ALLOWED);
  }

  /** The purse of a card: opening balance (chip area) and the checked value log. */
  private record Purse(long openingYen, List<ValueRecord> records) {
    long balanceYen() {
      return records.isEmpty() ? openingYen : records.get(records.size() - 1).balanceYen();
    }

    /** The record written under {@code transactionId}, anywhere in the log. */
    Optional<ValueRecord> recordOf(String transactionId) {
      return records.stream().filter(r -> r.transactionId().equals(transactionId)).findFirst();
    }

    PurseApdu.Status status() {
      return new PurseApdu.Status(balanceYen(), records.size(), openingYen);
    }
  }

  /**
   * @throws CardImage.CorruptImageException when the chip area has no balance or the value log's
   *     sequence or balances do not follow from each other
   */
  private static Purse purse(CardImage img, Path image) throws IOException {
    long opening;
    try {
      opening = decodeChipArea(img.chipArea()).emoneyBalanceYen();
    } catch (IllegalArgumentException e) {
      throw new CardImage.CorruptImageException(image, "chip area unreadable: " + e.getMessage());
    }
    List<ValueRecord> records = new ArrayList<>();
    long balance = opening;
    for (byte[] raw : img.hasValueLog() ? img.values() : List.<byte[]>of()) {
      ValueRecord r;
      try {
        r = ValueRecord.decode(raw);
      } catch (IllegalArgumentException e) {
        throw new CardImage.CorruptImageException(
            image, "value record " + (records.size() + 1) + " unreadable: " + e.getMessage());
      }
      if (r.sequence() != records.size() + 1 || r.balanceYen() != balance + r.deltaYen()) {
        throw new CardImage.CorruptImageException(
            image, "value log broken at record " + (records.size() + 1));
      }
      balance = r.balanceYen();
      records.add(r);
    }
    return new Purse(opening, List.copyOf(records));
  }
}
