package com.kippu.atm.gate;

import com.kippu.atm.card.CardException;
import com.kippu.atm.card.CardRecord;
import com.kippu.atm.card.CardRecordCodec;
import com.kippu.atm.card.ChipData;
import com.kippu.atm.card.IcCard;
import com.kippu.atm.card.TicketCard;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.CommuterPass;
import com.kippu.atm.center.EventTimes;
import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.ReservedSeat;
import com.kippu.atm.center.Signatures;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.center.internal.DocumentParser;
import com.kippu.atm.payment.AccountNumber;
import java.security.PublicKey;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a card the way a gate does (F8, S1 ¶79): decrypts the write-once area, checks the record
 * chain, and verifies each ticket's issuer signature offline with the issuer's public key. The
 * decoded view shows times in the zone given, the terminal's, as its receipts do.
 */
public final class TicketInspector {
  private final TicketCard tickets;
  private final Function<IssuerId, PublicKey> issuerKeys;
  private final ZoneId zone;

  public TicketInspector(
      TicketCard tickets, Function<IssuerId, PublicKey> issuerKeys, ZoneId zone) {
    this.tickets = tickets;
    this.issuerKeys = issuerKeys;
    this.zone = zone;
  }

  /** A ticket found on the card and whether its issuer signature holds. */
  public record InspectedTicket(Ticket ticket, boolean signatureValid) {}

  public List<InspectedTicket> tickets(IcCard card) throws CardException {
    ChipData chip = card.readChip();
    List<InspectedTicket> result = new ArrayList<>();
    for (SignedDocument signed : TicketCard.tickets(tickets.read(card, chip.cardId()))) {
      Ticket ticket;
      try {
        ticket = DocumentParser.ticket(signed);
      } catch (CenterException e) {
        throw new CardException(
            "ticket record on card " + chip.cardId() + " is unreadable: " + e.getMessage(), e);
      }
      boolean valid =
          ticket.cardId().equals(chip.cardId())
              && Signatures.verify(signed, issuerKeys.apply(ticket.issuerId()));
      result.add(new InspectedTicket(ticket, valid));
    }
    return result;
  }

  /** A decoded view of the whole card for people: chip area, records, tickets and verdicts. */
  public List<String> describe(IcCard card) throws CardException {
    ChipData chip = card.readChip();
    CardRecordCodec.RecordScan scan = tickets.scan(card, chip.cardId());
    List<CardRecord> records = scan.records();
    List<String> lines = new ArrayList<>();
    lines.add("IC card " + chip.cardId());
    lines.add("  holder          " + chip.holderName());
    lines.add("  account         " + chip.account().map(AccountNumber::masked).orElse("none"));
    lines.add("  e-money         JPY " + chip.emoneyYen());
    lines.add(
        "  write-once area "
            + records.size()
            + " record(s)"
            + (scan.problems().isEmpty()
                ? ", chain intact"
                : ", " + scan.problems().size() + " skipped"));
    scan.problems().forEach(p -> lines.add("  skipped: " + p));
    for (CardRecord r : records) {
      lines.add("  #" + r.sequence() + " " + r.type());
    }
    for (InspectedTicket t : tickets(card)) {
      Ticket ticket = t.ticket();
      lines.add("Ticket " + ticket.ticketNumber() + " (issue no " + ticket.issueNumber() + ")");
      lines.add(
          "  "
              + ticket.title()
              + " at "
              + ticket.venue()
              + ", "
              + EventTimes.local(ticket.startsAt(), zone));
      for (ReservedSeat s : ticket.seats()) {
        lines.add("  " + s.label() + "  " + s.price());
      }
      lines.add(
          "  issuer "
              + ticket.issuerName()
              + " ("
              + ticket.issuerId()
              + "), issued "
              + EventTimes.localToSecond(ticket.issuedAt(), zone));
      lines.add(
          "  reservation "
              + ticket.reservationNumber()
              + ", paid "
              + ticket.payment().amount()
              + " by "
              + ticket.payment().method()
              + " ref "
              + ticket.payment().reference());
      lines.add(
          "  signature "
              + (t.signatureValid() ? "VALID" : "INVALID")
              + " ("
              + ticket.signed().algorithm()
              + ", key "
              + ticket.signed().keyId()
              + ")");
    }
    for (SignedDocument signed : TicketCard.passes(records)) {
      CommuterPass pass;
      try {
        pass = DocumentParser.pass(signed);
      } catch (CenterException e) {
        lines.add("Pass record unreadable: " + e.getMessage());
        continue;
      }
      boolean valid =
          pass.cardId().equals(chip.cardId())
              && Signatures.verify(signed, issuerKeys.apply(pass.issuerId()));
      lines.add("Commuter pass " + pass.passNumber() + " (" + pass.name() + ")");
      lines.add(
          "  "
              + pass.line()
              + " "
              + pass.fromStation()
              + " - "
              + pass.toStation()
              + ", "
              + pass.validFrom()
              + " to "
              + pass.validUntil()
              + ", "
              + pass.fareClass());
      lines.add("  holder " + pass.holderName() + ", paid " + pass.amount());
      lines.add(
          "  issuer "
              + pass.issuerName()
              + " ("
              + pass.issuerId()
              + "), signature "
              + (valid ? "VALID" : "INVALID")
              + " ("
              + signed.algorithm()
              + ", key "
              + signed.keyId()
              + ")");
    }
    return lines;
  }
}
