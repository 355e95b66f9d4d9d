package com.kippu.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.kippu.atm.card.CardId;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.EventId;
import com.kippu.atm.center.IssuerCenter;
import com.kippu.atm.center.IssuerKeyTrust;
import com.kippu.atm.center.PaymentProof;
import com.kippu.atm.center.ReservationNumber;
import com.kippu.atm.center.SeatId;
import com.kippu.atm.center.Ticket;
import com.kippu.atm.center.internal.HttpIssuerCenter;
import com.kippu.atm.center.internal.RequestSigner;
import com.kippu.atm.payment.Money;
import com.kippu.center.CenterConfig;
import com.kippu.center.IssuerCenterServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The terminal's center client against the real center over signed HTTP: a card and an e-money
 * proof reach the ticket unchanged, and a second payment for an issued reservation comes back as
 * the refusal the terminal reverses.
 */
class CenterPaymentProofIntegrationTest {
  private static final String SECRET = "a-test-secret-of-enough-length";
  private static final EventId CONCERT = new EventId("evt-2026-12-24-dome");
  private static final CardId CARD = new CardId("KC-10001");
  private static final Instant PAID = Instant.parse("2026-12-01T01:02:03Z");

  @TempDir Path dir;
  private IssuerCenterServer server;
  private IssuerCenter center;

  @BeforeEach
  void start() {
    server =
        IssuerCenterServer.start(
            CenterConfig.development(CenterConfig.Store.sqlite(dir.resolve("center.db")))
                .withPort(0)
                .withSweepInterval(Duration.ZERO)
                .withTerminalAuth(
                    new CenterConfig.TerminalAuth(true, SECRET, Duration.ofMinutes(5))));
    center =
        new HttpIssuerCenter(
            server.baseUri(),
            CenterConfig.TerminalAuth.SEEDED_TERMINAL,
            Duration.ofSeconds(5),
            Optional.of(new RequestSigner(SECRET)),
            new IssuerKeyTrust(
                IssuerKeyTrust.rootKey(Base64.getEncoder().encodeToString(server.rootKey()))),
            Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  private ReservationNumber hold(String seat) throws Exception {
    return center.reserve(CONCERT, List.of(new SeatId(seat)), CARD, "REQ-" + seat).number();
  }

  @Test
  void aCardProofReachesTheTicketAndASecondPaymentIsRefusedForReversal() throws Exception {
    ReservationNumber number = hold("A-1-1");
    PaymentProof card =
        new PaymentProof(
            PaymentProof.CREDIT_CARD,
            Money.yen(8800),
            "633512345678",
            "A1B2C3",
            "000123",
            PAID,
            "JCB",
            Map.of(PaymentProof.MASKED_CARD, "498000******1235"));

    Ticket ticket = center.issue(number, CARD, card);
    assertEquals(card, ticket.payment(), "the ticket echoes the proof, acquirer and details");
    assertEquals(ticket.ticketNumber(), center.issue(number, CARD, card).ticketNumber());

    PaymentProof second =
        PaymentProof.of(
            PaymentProof.ACCOUNT_TRANSFER,
            Money.yen(8800),
            "633599999999",
            "B2",
            "000124",
            PAID,
            "000001");
    CenterException refused =
        assertThrows(CenterException.class, () -> center.issue(number, CARD, second));
    assertEquals(CenterException.RESERVATION_ISSUED_OTHER_PAYMENT, refused.code());
  }

  @Test
  void anEMoneyProofFromTheCardsPurseIsAccepted() throws Exception {
    ReservationNumber number = hold("A-1-2");
    PaymentProof purse =
        new PaymentProof(
            PaymentProof.EMONEY,
            Money.yen(8800),
            "TX-0042",
            "",
            "",
            PAID,
            "kippu-purse",
            Map.of(
                PaymentProof.PURSE_ID, CARD.value(),
                PaymentProof.PURSE_SEQUENCE, "42",
                PaymentProof.PURSE_BALANCE_AFTER, "1200",
                PaymentProof.PURSE_TRANSACTION_ID, "TX-0042"));

    assertEquals(purse, center.issue(number, CARD, purse).payment());
  }
}
