package com.kippu.devices.sim;

import static com.kippu.devices.CardApdu.*;

import com.kippu.devices.CardApdu.Command;
import com.kippu.devices.CardApdu.Response;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The simulated card's operating system: answers the {@link com.kippu.devices.CardApdu} command set
 * against a card image file. Stateless between commands (no SELECT, files are addressed by short
 * file identifier), so the image file is always the single source of truth.
 */
final class CardOs {

  private CardOs() {}

  /**
   * Executes one command APDU.
   *
   * @throws IOException when the image cannot be read or written, or its header is corrupt
   */
  static Response process(Path image, byte[] apdu) throws IOException {
    Command c;
    try {
      c = Command.decode(apdu);
    } catch (IllegalArgumentException e) {
      return Response.status(SW_WRONG_LENGTH);
    }
    if (c.cla() != CLA) {
      return Response.status(SW_CLA_NOT_SUPPORTED);
    }
    return switch (c.ins()) {
      case INS_READ_BINARY -> readBinary(image, c);
      case INS_READ_RECORD -> readRecord(image, c);
      case INS_APPEND_RECORD -> appendRecord(image, c);
      case INS_GET_DATA -> getData(image, c);
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

  private static Response readBinary(Path image, Command c) throws IOException {
    if ((c.p1() & 0x80) == 0) {
      return Response.status(SW_NOT_ALLOWED); // no current EF: this card has no SELECT
    }
    int sfi = c.p1() & 0x1F;
    if (sfi == SFI_WRITE_ONCE_AREA) {
      return Response.status(SW_INCOMPATIBLE_FILE);
    }
    if (sfi != SFI_CHIP_AREA) {
      return Response.status(SW_FILE_NOT_FOUND);
    }
    byte[] area = CardImage.read(image).chipArea();
    int offset = c.p2();
    if (offset > area.length) {
      return Response.status(SW_WRONG_P1P2);
    }
    int n = Math.min(c.ne(), area.length - offset);
    return new Response(Arrays.copyOfRange(area, offset, offset + n), SW_OK);
  }

  private static Response readRecord(Path image, Command c) throws IOException {
    int sfi = c.p2() >> 3;
    if ((c.p2() & 0x07) != 0x04 || c.p1() == 0) {
      return Response.status(SW_WRONG_P1P2); // only "record number in P1" is supported
    }
    if (sfi == SFI_CHIP_AREA) {
      return Response.status(SW_INCOMPATIBLE_FILE);
    }
    if (sfi != SFI_WRITE_ONCE_AREA) {
      return Response.status(SW_FILE_NOT_FOUND);
    }
    List<byte[]> records = CardImage.read(image).records();
    if (c.p1() > records.size()) {
      return Response.status(SW_RECORD_NOT_FOUND);
    }
    byte[] r = records.get(c.p1() - 1);
    if (r.length > c.ne()) {
      return Response.status(SW_WRONG_LENGTH);
    }
    return new Response(r, SW_OK);
  }

  private static Response appendRecord(Path image, Command c) throws IOException {
    if (c.p1() != 0 || (c.p2() & 0x07) != 0) {
      return Response.status(SW_WRONG_P1P2);
    }
    int sfi = c.p2() >> 3;
    if (sfi == SFI_CHIP_AREA) {
      return Response.status(SW_INCOMPATIBLE_FILE);
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
    CardImage.append(image, record);
    return Response.status(SW_OK);
  }

  private static Response getData(Path image, Command c) throws IOException {
    int tag = (c.p1() << 8) | c.p2();
    if (tag != DO_AREA_STATUS) {
      return Response.status(SW_RECORD_NOT_FOUND); // referenced data not found
    }
    CardImage img = CardImage.read(image);
    ByteBuffer b = ByteBuffer.allocate(4);
    b.putShort((short) img.records().size()).putShort((short) img.tornFragments());
    return new Response(b.array(), SW_OK);
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
    // The write-once area: what is written stays written (S1 ¶28, ¶78).
    return Response.status(SW_NOT_ALLOWED);
  }
}
