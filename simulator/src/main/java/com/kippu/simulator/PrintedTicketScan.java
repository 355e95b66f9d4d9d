package com.kippu.simulator;

import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.Signatures;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.center.TicketCode;
import com.kippu.atm.center.internal.DocumentParser;
import java.nio.file.Path;

/**
 * Reads a printed ticket back as a gate's scanner would: the QR code of the printer's PNG, the
 * signed ticket it carries, and the issuer's signature over it.
 */
final class PrintedTicketScan {
  private PrintedTicketScan() {}

  /** What a printed ticket carries and whether its issuer signature holds. */
  record Scanned(Ticket ticket, boolean signatureValid, String replaces) {}

  static Scanned scan(Path png, IssuerCenter center) throws Exception {
    // The gate's own reading of a ticket picture: the same decoder a venue runs.
    String code =
        new String(
            com.kippu.gate.TicketFiles.read(png), java.nio.charset.StandardCharsets.US_ASCII);
    SignedDocument signed = TicketCode.decode(code);
    Ticket ticket = DocumentParser.ticket(signed);
    boolean valid = verify(signed, ticket, center);
    String replaces =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(signed.payload())
            .path("replaces")
            .asText("");
    return new Scanned(ticket, valid, replaces);
  }

  private static boolean verify(SignedDocument signed, Ticket ticket, IssuerCenter center)
      throws CenterException {
    return Signatures.verify(signed, center.issuerKey(ticket.issuerId()));
  }
}
