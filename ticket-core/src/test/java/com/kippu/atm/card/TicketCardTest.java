package com.kippu.atm.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.kippu.atm.center.FakeIssuer;
import com.kippu.atm.center.SignedDocument;
import com.kippu.atm.payment.AccountNumber;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketCardTest {
  private final TicketCard tickets =
      new TicketCard(new CardRecordCodec(new SecureRandom()), TestCardAccess.terminal("ATM00001"));
  private final FakeIssuer issuer = new FakeIssuer("tokyo-dome-promo");
  private final CardId id = new CardId("KC-10001");

  /** A card in memory whose write-once area anyone may append to. */
  private final IcCard card =
      new IcCard() {
        private final List<byte[]> records = new ArrayList<>();
        private final byte[] recordKey = TestCardAccess.recordKey();

        @Override
        public ChipData readChip() {
          return new ChipData(id, "Hanako", new AccountNumber("0001-001-1234567"), 0);
        }

        @Override
        public List<byte[]> readRecords() {
          return List.copyOf(records);
        }

        @Override
        public void append(byte[] record) {
          records.add(record);
        }

        @Override
        public byte[] access(byte[] certificate) throws CardException {
          return TestCardAccess.answer(recordKey, id.value(), certificate);
        }
      };

  private SignedDocument ticket(String number) {
    return issuer.signByIssuer(
        issuer.ticketInfo(number, id.value(), "evt-1", "Dome", "2026-12-24T18:00+09:00"));
  }

  @Test
  void junkOnTheCardNeitherHidesItsTicketsNorStopsTheNextWrite() throws Exception {
    tickets.write(card, id, ticket("T1"));
    card.append("junk".getBytes(StandardCharsets.UTF_8));

    tickets.write(card, id, ticket("T2"));
    tickets.write(card, id, ticket("T2"));

    assertEquals(2, TicketCard.tickets(tickets.read(card, id)).size());
    assertEquals(1, tickets.scan(card, id).problems().size());
    assertEquals(3, card.readRecords().size(), "T2 written once, junk kept, nothing rewritten");
  }

  @Test
  void anotherCertifiedTerminalReadsTheTicketsAndACardThatHandsNothingOverIsRefused()
      throws Exception {
    tickets.write(card, id, ticket("T1"));
    TicketCard gate =
        new TicketCard(new CardRecordCodec(new SecureRandom()), TestCardAccess.terminal("GATE-A"));

    assertEquals(1, TicketCard.tickets(gate.read(card, id)).size(), "its own exchange, same key");
    IcCard copy =
        new IcCard() {
          @Override
          public ChipData readChip() throws CardException {
            return card.readChip();
          }

          @Override
          public List<byte[]> readRecords() throws CardException {
            return card.readRecords();
          }

          @Override
          public void append(byte[] record) {}
        };
    assertThrows(CardException.class, () -> gate.read(copy, id));
  }
}
