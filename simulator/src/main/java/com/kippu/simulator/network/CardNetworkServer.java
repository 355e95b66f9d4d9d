package com.kippu.simulator.network;

import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.ProcessingCode;
import com.kippu.iso8583.ResponseCode;
import com.kippu.simulator.bank.BankHostServer;
import com.kippu.simulator.bank.HostOptions;
import com.kippu.simulator.bank.HostSecurity;
import com.kippu.simulator.bank.LinkHost;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * A simulated card company host (credit, prepaid, or both) on the card network link: a {@link
 * LinkHost} (spec and MAC checks, key change, abuse-proof framing) over a SQLite {@link CardBook}
 * with credit lines, prepaid values and expiries. Answers 0100 with 0110 and 0420/0421 with 0430;
 * with the issuer-unavailable switch on, 0100s are answered 91; with the decline switch on, they
 * are answered its code before the book sees them.
 */
public final class CardNetworkServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(CardNetworkServer.class.getName());

  private final LinkHost host;
  private final CardBook book;
  private final HostSecurity security;
  private final AtomicBoolean issuerUnavailable;
  private final AtomicReference<ResponseCode> decline;

  private CardNetworkServer(
      LinkHost host,
      CardBook book,
      HostSecurity security,
      AtomicBoolean issuerUnavailable,
      AtomicReference<ResponseCode> decline) {
    this.host = host;
    this.book = book;
    this.security = security;
    this.issuerUnavailable = issuerUnavailable;
    this.decline = decline;
  }

  /**
   * Fault switch: credit and prepaid authorizations are declined with {@code code} before the book
   * sees them, so no credit line or value moves; {@code null} switches it off.
   *
   * @throws IllegalArgumentException for 00, which is not a decline
   */
  public void declineAuthorizations(ResponseCode code) {
    if (code == ResponseCode.APPROVED) {
      throw new IllegalArgumentException("00 is not a decline");
    }
    decline.set(code);
  }

  /** Opens the books in {@code dbFile} (key file beside it) and starts as {@code options} say. */
  public static CardNetworkServer start(Path dbFile, HostOptions options) throws IOException {
    Objects.requireNonNull(dbFile, "dbFile");
    Objects.requireNonNull(options, "options");
    HostSecurity security =
        HostSecurity.open(
            dbFile, BankHostServer.lmkFile(dbFile), options.development(), options.random());
    CardBook book = CardBook.open(dbFile, security.hsm());
    AtomicBoolean down = new AtomicBoolean();
    AtomicReference<ResponseCode> decline = new AtomicReference<>();
    try {
      LinkHost host =
          LinkHost.start(
              Link.CARD_NETWORK,
              options.port(),
              security,
              new Handler(book, options.clock(), down, decline),
              options.idleTimeout(),
              options.workerThreads(),
              "card-network");
      return new CardNetworkServer(host, book, security, down, decline);
    } catch (IOException | RuntimeException e) {
      book.close();
      security.close();
      throw e;
    }
  }

  public int port() {
    return host.port();
  }

  /** Issues a credit card (limit) or a prepaid card (stored value). */
  public void issueCard(
      CardNumber card, AuthorizationRequest.Kind kind, CardExpiry expiry, long availableYen) {
    if (kind == AuthorizationRequest.Kind.DEBIT) {
      throw new IllegalArgumentException("debit cards belong to the bank host");
    }
    book.issue(card, kind, expiry, availableYen);
  }

  /** Credit line left or prepaid value, in yen. */
  public long available(CardNumber card) {
    return book.available(card);
  }

  public void registerTerminal(String terminalId, byte[] clearTmk) {
    security.registerTerminal(terminalId, clearTmk);
  }

  /** Fault switch: 0100s are answered 91, nothing is held. */
  public void issuerUnavailable(boolean down) {
    issuerUnavailable.set(down);
  }

  public void dropResponses(int count) {
    host.dropResponses(count);
  }

  public void holdResponses(int count) {
    host.holdResponses(count);
  }

  public int releaseHeldResponses() {
    return host.releaseHeld();
  }

  public long requestsReceived(String mti) {
    return host.received(mti);
  }

  public long requestsRefused(ResponseCode code) {
    return host.refused(code);
  }

  public int activeConnections() {
    return host.activeConnections();
  }

  @Override
  public void close() {
    host.close();
    book.close();
    security.close();
  }

  private static final class Handler implements LinkHost.Handler {
    private final CardBook book;
    private final Clock clock;
    private final AtomicBoolean down;
    private final AtomicReference<ResponseCode> decline;

    Handler(CardBook book, Clock clock, AtomicBoolean down, AtomicReference<ResponseCode> decline) {
      this.book = book;
      this.clock = clock;
      this.down = down;
      this.decline = decline;
    }

    @Override
    public ISOMsg answer(ISOMsg m) throws ISOException {
      return switch (m.getMTI()) {
        case Mti.AUTHORIZATION_REQUEST -> authorize(m);
        case Mti.REVERSAL_ADVICE, Mti.REVERSAL_ADVICE_REPEAT -> reverse(m);
        default -> LinkHost.respond(m, ResponseCode.INVALID_TRANSACTION);
      };
    }

    private ISOMsg authorize(ISOMsg m) throws ISOException {
      if (down.get()) {
        return LinkHost.respond(m, ResponseCode.ISSUER_UNAVAILABLE);
      }
      ResponseCode declined = decline.get();
      if (declined != null) {
        return LinkHost.respond(m, declined);
      }
      CardNumber card;
      try {
        card = new CardNumber(m.getString(Field.PAN));
      } catch (IllegalArgumentException e) {
        return LinkHost.respond(m, ResponseCode.FORMAT_ERROR);
      }
      AuthorizationRequest.Kind kind =
          ProcessingCode.CREDIT_PURCHASE.equals(m.getString(Field.PROCESSING_CODE))
              ? AuthorizationRequest.Kind.CREDIT
              : AuthorizationRequest.Kind.PREPAID;
      long amount = Long.parseLong(m.getString(Field.AMOUNT));
      if (amount <= 0) {
        return LinkHost.respond(m, ResponseCode.FORMAT_ERROR);
      }
      CardBook.Authorization a =
          book.authorize(
              key(m, m.getString(Field.STAN), m.getString(Field.TRANSMISSION_DATE_TIME)),
              card,
              kind,
              m.getString(Field.EXPIRATION_DATE),
              amount,
              YearMonth.now(clock));
      LOG.info(
          () ->
              String.format(
                  "0100 %s %s %s JPY %d rc=%s",
                  LinkHost.describe(m), kind, card.masked(), amount, a.code().code()));
      ISOMsg response = LinkHost.respond(m, a.code());
      if (!a.approvalCode().isEmpty()) {
        response.set(Field.APPROVAL_CODE, a.approvalCode());
      }
      return response;
    }

    private ISOMsg reverse(ISOMsg m) {
      String original = m.getString(Field.ORIGINAL_DATA_ELEMENTS);
      if (!original.startsWith(Mti.AUTHORIZATION_REQUEST)) {
        return LinkHost.respond(m, ResponseCode.INVALID_TRANSACTION);
      }
      boolean moved =
          book.reverse(
              key(m, original.substring(4, 10), original.substring(10, 20)),
              Long.parseLong(m.getString(Field.AMOUNT)));
      LOG.info(
          () ->
              m.getString(0)
                  + " "
                  + LinkHost.describe(m)
                  + (moved ? " reversed" : " nothing to reverse"));
      // Acknowledged even when nothing moved: the book reverses at most once.
      return LinkHost.respond(m, ResponseCode.APPROVED);
    }

    private static CardBook.Key key(ISOMsg m, String stan, String transmitted) {
      return new CardBook.Key(m.getString(Field.TERMINAL_ID), stan, transmitted);
    }
  }
}
