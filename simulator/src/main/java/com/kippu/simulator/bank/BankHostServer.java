package com.kippu.simulator.bank;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.CardExpiry;
import com.kippu.atm.payment.CardNumber;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.ResponseCode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The simulated bank host: a {@link LinkHost} on the bank host link backed by a SQLite {@link
 * Ledger} and a terminal key store in the same file, with the LMK in a key file beside it ({@code
 * <db>.lmk}). Unreadable frames are logged and skipped; the connection and other clients keep being
 * served.
 */
public final class BankHostServer implements AutoCloseable {
  private final LinkHost host;
  private final Ledger ledger;
  private final HostSecurity security;
  private final BankHostHandler handler;

  private BankHostServer(
      LinkHost host, Ledger ledger, HostSecurity security, BankHostHandler handler) {
    this.host = host;
    this.ledger = ledger;
    this.security = security;
    this.handler = handler;
  }

  /**
   * Opens the ledger in {@code dbFile} and starts listening on 127.0.0.1:{@code port} in
   * development mode; port 0 picks a free port, see {@link #port()}.
   */
  public static BankHostServer start(Path dbFile, int port) throws IOException {
    return start(dbFile, HostOptions.defaults(port));
  }

  /** Opens the ledger in {@code dbFile} and starts listening as {@code options} say. */
  public static BankHostServer start(Path dbFile, HostOptions options) throws IOException {
    Objects.requireNonNull(dbFile, "dbFile");
    Objects.requireNonNull(options, "options");
    HostSecurity security =
        HostSecurity.open(dbFile, lmkFile(dbFile), options.development(), options.random());
    Ledger ledger = Ledger.open(dbFile, security.hsm());
    BankHostHandler handler = new BankHostHandler(ledger, security, options.clock());
    try {
      LinkHost host =
          LinkHost.start(
              Link.BANK_HOST,
              options.port(),
              security,
              handler,
              options.idleTimeout(),
              options.workerThreads(),
              "bank-host",
              options.tls());
      return new BankHostServer(host, ledger, security, handler);
    } catch (IOException | RuntimeException e) {
      ledger.close();
      security.close();
      throw e;
    }
  }

  /** The key file of the host whose database is {@code dbFile}. */
  public static Path lmkFile(Path dbFile) {
    return dbFile.resolveSibling(dbFile.getFileName() + ".lmk");
  }

  /** The port actually listened on. */
  public int port() {
    return host.port();
  }

  /** The host's books, for seeding accounts and checking balances. */
  public Ledger ledger() {
    return ledger;
  }

  /** Registers a terminal with its TMK (installation); required outside development mode. */
  public void registerTerminal(String terminalId, byte[] clearTmk) {
    security.registerTerminal(terminalId, clearTmk);
  }

  /** Issues a debit card with PIN on {@code account}; only a salted verification value is kept. */
  public void issueDebitCard(
      CardNumber card, CardExpiry expiry, AccountNumber account, char[] pin) {
    ledger.issueDebitCard(card, expiry, account, pin);
  }

  /**
   * Issues the cash card {@code card} of {@code account} with {@code pin}, stored only as a salted
   * verification value; the caller wipes {@code pin}. Transfers from {@code account} need it.
   */
  public void issueCashCard(CardNumber card, AccountNumber account, char[] pin) {
    ledger.issueCashCard(card, account, pin);
  }

  /** Fault switch: financial requests are answered 91 (issuer unavailable), nothing moves. */
  public void issuerUnavailable(boolean down) {
    handler.issuerUnavailable(down);
  }

  /**
   * Fault switch: account transfers (0200 with cash card and PIN) are declined with {@code code}
   * before the ledger sees them, so nothing moves and no PIN try is counted; {@code null} switches
   * it off. For a code this bank never sends on that rail but another bank's host may, which the
   * terminal must still show: 54 (expired card), since a transfer carries no expiry and this bank
   * keeps none for cash cards.
   *
   * @throws IllegalArgumentException for 00, which is not a decline
   */
  public void declineTransfers(ResponseCode code) {
    if (code == ResponseCode.APPROVED) {
      throw new IllegalArgumentException("00 is not a decline");
    }
    handler.declineTransfers(code);
  }

  /**
   * Fault switch: debit card payments (0100 with PIN) are declined with {@code code} before the
   * ledger sees them, so nothing moves; {@code null} switches it off.
   *
   * @throws IllegalArgumentException for 00, which is not a decline
   */
  public void declineDebits(ResponseCode code) {
    if (code == ResponseCode.APPROVED) {
      throw new IllegalArgumentException("00 is not a decline");
    }
    handler.declineDebits(code);
  }

  /** Fault switch: the next {@code count} answers are sent {@code delay} late (money moves). */
  public void delayResponses(int count, Duration delay) {
    host.delayResponses(count, delay);
  }

  /** The answer faults armed and not yet fired. */
  public LinkHost.Armed armed() {
    return host.armed();
  }

  /**
   * Fault switch: the next {@code count} requests are processed as usual (money moves) but not
   * answered, as if the answer were lost on the way back.
   */
  public void dropResponses(int count) {
    host.dropResponses(count);
  }

  /**
   * Fault switch: the next {@code count} requests are processed as usual but their answers are kept
   * back until {@link #releaseHeldResponses()}, to deliver them after the terminal gave up.
   */
  public void holdResponses(int count) {
    host.holdResponses(count);
  }

  /** Fault switch: the answers to the next {@code count} requests are sent twice. */
  public void duplicateResponses(int count) {
    host.duplicateResponses(count);
  }

  /**
   * Sends the answers kept back by {@link #holdResponses} and disarms holds not used yet; returns
   * how many were sent.
   */
  public int releaseHeldResponses() {
    return host.releaseHeld();
  }

  /** How many requests with MTI {@code mti} (e.g. "0421") arrived, answered or not. */
  public long requestsReceived(String mti) {
    return host.received(mti);
  }

  /** Requests refused before reaching the ledger: 30 format errors, 63 MAC failures. */
  public long requestsRefused(ResponseCode code) {
    return host.refused(code);
  }

  /** Fault switch: closes every client connection now; returns how many were open. */
  public int dropConnections() {
    return host.dropConnections();
  }

  /** Client connections open now. */
  public int activeConnections() {
    return host.activeConnections();
  }

  /** Stops accepting, disconnects every client, then closes the ledger and key store. */
  @Override
  public void close() {
    host.close();
    ledger.close();
    security.close();
  }
}
