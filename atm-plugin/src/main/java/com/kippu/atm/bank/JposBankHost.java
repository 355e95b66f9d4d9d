package com.kippu.atm.bank;

import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.AuthorizationResult;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.CashDepositRequest;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.ResponseCode;
import com.kippu.iso8583.spec.SpecViolationException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * {@link BankHost} over one TCP connection to a bank host or a card network ({@link LinkSetup}). It
 * signs on and changes its working keys before anything else ({@link SignOn}); every financial
 * request goes through the {@link ArmedExchange}, its reversal stored before it leaves, and every
 * reversal is delivered by the {@link ReversalDelivery} until the host confirms it.
 */
public final class JposBankHost implements BankHost {
  private static final Logger LOG = Logger.getLogger(JposBankHost.class.getName());

  private static final AtomicLong INSTANCES = new AtomicLong();

  private final StanSource stans;
  private final ReversalQueue reversals;
  private final List<AutoCloseable> owned;
  private final Clock clock;
  private final BankMessages messages;
  private final LinkTransport transport;
  private final LinkExchange link;
  private final ReversalDelivery delivery;
  private final ArmedExchange armed;
  private final SignOn signOn;

  private JposBankHost(
      BankLinkConfig config,
      LinkSetup setup,
      StanSource stans,
      ReversalQueue reversals,
      List<AutoCloseable> owned,
      Clock clock,
      LinkTransport transport) {
    this.stans = stans;
    this.reversals = reversals;
    this.owned = owned;
    this.clock = clock;
    this.messages = new BankMessages(config);
    this.transport = transport;
    this.link = transport.exchange(setup);
    this.delivery =
        new ReversalDelivery(
            link, reversals, messages, stans, clock, config.reversalRetryInterval());
    this.armed = new ArmedExchange(link, reversals, delivery);
    this.signOn = new SignOn(link, setup, messages, stans, clock);
  }

  /**
   * Opens the link with STANs from {@code stans} and reversals queued in memory only: reversals
   * still unconfirmed at {@link #close()} are lost. Production uses {@link #connect(BankLinkConfig,
   * Path, Clock)}.
   *
   * @throws BankUnavailableException when the host cannot be reached within {@code
   *     config.connectTimeout()}; nothing is left running in that case
   */
  public static JposBankHost connect(BankLinkConfig config, StanSource stans, Clock clock)
      throws BankUnavailableException {
    Objects.requireNonNull(config, "config");
    return connect(config, LinkSetup.development(config.terminalId()), stans, clock);
  }

  /**
   * As {@link #connect(BankLinkConfig, StanSource, Clock)}, on the link and with the keys of {@code
   * setup}.
   */
  public static JposBankHost connect(
      BankLinkConfig config, LinkSetup setup, StanSource stans, Clock clock)
      throws BankUnavailableException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(setup, "setup");
    Objects.requireNonNull(stans, "stans");
    Objects.requireNonNull(clock, "clock");
    ReversalQueue queue = ReversalQueue.inMemory();
    return start(config, setup, stans, queue, clock, List.of(queue));
  }

  /**
   * Opens the link with its state (STAN counter and reversal queue) in the SQLite file {@code
   * stateFile}, created if needed; reversals left pending by an earlier process are sent once
   * connected. One link per state file at a time.
   *
   * @throws BankUnavailableException when the host cannot be reached within {@code
   *     config.connectTimeout()}; nothing is left running, the state file keeps its reversals
   * @throws LinkStateException when the state file cannot be opened
   */
  public static JposBankHost connect(BankLinkConfig config, Path stateFile, Clock clock)
      throws BankUnavailableException {
    Objects.requireNonNull(config, "config");
    return connect(config, LinkSetup.development(config.terminalId()), stateFile, clock);
  }

  /**
   * As {@link #connect(BankLinkConfig, Path, Clock)}, on the link and with the keys of {@code
   * setup}.
   */
  public static JposBankHost connect(
      BankLinkConfig config, LinkSetup setup, Path stateFile, Clock clock)
      throws BankUnavailableException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(setup, "setup");
    Objects.requireNonNull(stateFile, "stateFile");
    Objects.requireNonNull(clock, "clock");
    SqliteStanSource stanSource = SqliteStanSource.open(stateFile, clock);
    ReversalQueue queue;
    try {
      queue = ReversalQueue.open(stateFile);
    } catch (RuntimeException e) {
      stanSource.close();
      throw e;
    }
    return start(config, setup, stanSource, queue, clock, List.of(queue, stanSource));
  }

  /**
   * Opens the link with the given STAN source and reversal queue; both stay open after {@link
   * #close()}, the caller closes them.
   *
   * @throws BankUnavailableException as {@link #connect(BankLinkConfig, StanSource, Clock)}
   */
  public static JposBankHost connect(
      BankLinkConfig config, StanSource stans, ReversalQueue reversals, Clock clock)
      throws BankUnavailableException {
    Objects.requireNonNull(config, "config");
    return connect(config, LinkSetup.development(config.terminalId()), stans, reversals, clock);
  }

  /**
   * As {@link #connect(BankLinkConfig, StanSource, ReversalQueue, Clock)}, on the link and with the
   * keys of {@code setup}.
   */
  public static JposBankHost connect(
      BankLinkConfig config,
      LinkSetup setup,
      StanSource stans,
      ReversalQueue reversals,
      Clock clock)
      throws BankUnavailableException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(setup, "setup");
    Objects.requireNonNull(stans, "stans");
    Objects.requireNonNull(reversals, "reversals");
    Objects.requireNonNull(clock, "clock");
    return start(config, setup, stans, reversals, clock, List.of());
  }

  private static JposBankHost start(
      BankLinkConfig config,
      LinkSetup setup,
      StanSource stans,
      ReversalQueue reversals,
      Clock clock,
      List<AutoCloseable> owned)
      throws BankUnavailableException {
    String name =
        "kippu-"
            + setup.link().slug()
            + "-"
            + config.terminalId().trim()
            + "-"
            + INSTANCES.incrementAndGet();
    LinkTransport transport;
    try {
      transport = LinkTransport.create(config, setup.link());
    } catch (BankUnavailableException e) {
      closeAll(owned);
      throw e;
    }
    JposBankHost host = new JposBankHost(config, setup, stans, reversals, owned, clock, transport);
    try {
      transport.start(name, host.link);
    } catch (Exception e) {
      host.close();
      throw new BankUnavailableException("bank link could not be started", e);
    }
    try {
      transport.awaitConnected();
      host.signOn();
    } catch (BankUnavailableException | RuntimeException e) {
      host.close();
      throw e;
    }
    host.delivery.start(name);
    return host;
  }

  /**
   * Sends one 0200 and returns the 0210 as received. Its reversal is stored before the 0200 leaves
   * and dropped when the 0210 arrives; when no usable 0210 arrives within the request timeout the
   * reversal is queued, tried once (waiting up to one more request timeout) and {@link
   * BankUnavailableException} is thrown. A 0210 arriving after that is logged and ignored.
   */
  @Override
  public TransferResult transfer(TransferRequest request) throws BankUnavailableException {
    Objects.requireNonNull(request, "request");
    requireConnected();
    requireLink(Link.BANK_HOST, "account transfers");
    ArmedExchange.Answered answered =
        armed.send(
            "transfer",
            request.transactionId(),
            Mti.FINANCIAL_RESPONSE,
            () ->
                reversals.armNextAsync(
                    request, () -> Transmission.next(stans, clock), clock.instant()),
            t -> messages.transfer(request, t));
    Transmission t = answered.transmission();
    TransferResult result = answered.result();
    LOG.info(
        () ->
            String.format(
                "tx %s stan %s: %s -> %s %s rc=%s",
                request.transactionId(),
                t.stan(),
                request.from().masked(),
                request.to().masked(),
                request.amount(),
                result.responseCode()));
    return result;
  }

  /**
   * Sends one cash deposit credit (0200, processing code 210000) and returns the 0210 as received;
   * its reversal is stored before it leaves and an approval is kept until {@link #settled}, as for
   * {@link #transfer}, so {@link #reverseApproved} takes it back, also after a restart.
   */
  @Override
  public TransferResult depositCash(CashDepositRequest request) throws BankUnavailableException {
    Objects.requireNonNull(request, "request");
    requireConnected();
    requireLink(Link.BANK_HOST, "cash deposits");
    ArmedExchange.Answered answered =
        armed.send(
            "cash deposit",
            request.transactionId(),
            Mti.FINANCIAL_RESPONSE,
            () ->
                reversals.armNextAsync(
                    request, () -> Transmission.next(stans, clock), clock.instant()),
            t -> messages.cashDeposit(request, t));
    Transmission t = answered.transmission();
    TransferResult result = answered.result();
    LOG.info(() -> "tx " + request + " stan " + t.stan() + " rc=" + result.responseCode());
    return result;
  }

  /**
   * Queues a reversal of the approved 0200 (field 90 names it), then sends it once and waits for
   * the 0430. Returns normally once the host confirmed it; otherwise it stays queued, is repeated
   * as 0421 in the background (also after a restart when the queue is in a file) and {@link
   * BankUnavailableException} is thrown. Reversing the same approval twice queues it once.
   *
   * @throws LinkStateException when the reversal could not be stored; nothing was sent
   */
  @Override
  public void reverse(TransferRequest original, TransferResult approval)
      throws BankUnavailableException {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(approval, "approval");
    ReversalId id =
        reversals.enqueue(
            original,
            approval.stan(),
            Transmission.field7(approval.transmittedAt()),
            approval.rrn(),
            clock.instant());
    delivery.confirmOrThrow(id, original.transactionId());
  }

  /**
   * Deletes what the link kept to reverse the approved payment {@code transactionId}; not waited
   * for (a failure is logged: the approval is then kept until its retention ends).
   */
  @Override
  public void settled(String transactionId) {
    Objects.requireNonNull(transactionId, "transactionId");
    reversals
        .settleAsync(transactionId)
        .whenComplete(
            (done, e) -> {
              if (e != null) {
                LOG.log(Level.WARNING, "tx " + transactionId + ": settled, approval still kept", e);
              }
            });
  }

  /**
   * Reverses the approved payment {@code transactionId} from the approval this link kept (also
   * across restarts): the kept row becomes a pending reversal, sent once here and repeated as 0421
   * until confirmed. A reversal of it already pending is tried again.
   */
  @Override
  public boolean reverseApproved(String transactionId) throws BankUnavailableException {
    Objects.requireNonNull(transactionId, "transactionId");
    Optional<ReversalId> id;
    try {
      id = reversals.releaseApproved(transactionId);
    } catch (LinkStateException e) {
      throw new BankUnavailableException("reversal of " + transactionId + " not queued", e);
    }
    if (id.isEmpty()) {
      return false;
    }
    delivery.confirmOrThrow(id.get(), transactionId);
    return true;
  }

  /**
   * Sends one 0100 and returns the 0110 as received: a debit with PIN on the bank host link, a
   * credit or prepaid authorization on the card network link. Reversal handling as {@link
   * #transfer}: stored before the 0100 leaves, released and sent when no valid 0110 arrives.
   *
   * @throws BankUnavailableException also when this link does not carry {@code request.kind()};
   *     nothing was sent then
   */
  @Override
  public AuthorizationResult authorize(AuthorizationRequest request)
      throws BankUnavailableException {
    Objects.requireNonNull(request, "request");
    requireLink(
        request.kind() == AuthorizationRequest.Kind.DEBIT ? Link.BANK_HOST : Link.CARD_NETWORK,
        request.kind() + " authorizations");
    requireConnected();
    ArmedExchange.Answered answered =
        armed.send(
            "authorization",
            request.transactionId(),
            Mti.AUTHORIZATION_RESPONSE,
            () ->
                reversals.armNextAsync(
                    request, () -> Transmission.next(stans, clock), clock.instant()),
            t -> messages.authorization(request, t));
    Transmission t = answered.transmission();
    TransferResult r = answered.result();
    AuthorizationResult result =
        new AuthorizationResult(
            r.responseCode(), r.stan(), r.rrn(), r.approvalCode(), r.transmittedAt());
    LOG.info(() -> "tx " + request + " stan " + t.stan() + " rc=" + result.responseCode());
    return result;
  }

  /** Reverses an approved authorization; as {@link #reverse(TransferRequest, TransferResult)}. */
  @Override
  public void reverse(AuthorizationRequest original, AuthorizationResult approval)
      throws BankUnavailableException {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(approval, "approval");
    ReversalId id =
        reversals.enqueue(
            original,
            approval.stan(),
            Transmission.field7(approval.transmittedAt()),
            approval.rrn(),
            clock.instant());
    delivery.confirmOrThrow(id, original.transactionId());
  }

  @Override
  public boolean echo() throws BankUnavailableException {
    requireConnected();
    try {
      ISOMsg response = link.exchange(link.prepare(messages.echo(Transmission.next(stans, clock))));
      if (response == null) {
        throw new BankUnavailableException(
            "no valid answer to echo within " + link.requestTimeout());
      }
      return ResponseCode.APPROVED.code().equals(response.getString(Field.RESPONSE_CODE));
    } catch (ISOException | SpecViolationException e) {
      throw new BankUnavailableException("echo could not be sent", e);
    }
  }

  /**
   * Signs on (0800 001) and changes the working keys (0800 161): the new TAK MACs everything after,
   * the new TPK goes to the PIN pad. Also usable later to change keys on demand.
   *
   * @throws BankUnavailableException when the host does not answer both with 00 and valid keys
   */
  public void signOn() throws BankUnavailableException {
    requireConnected();
    signOn.run();
  }

  /** Reversals stored and not yet confirmed by the host. */
  public int pendingReversals() {
    return delivery.pendingCount();
  }

  /**
   * Waits until no reversal is pending or {@code timeout} passes, e.g. before a planned shutdown.
   *
   * @return true when none is pending
   */
  public boolean awaitNoPendingReversals(Duration timeout) throws InterruptedException {
    return delivery.awaitNoPending(timeout);
  }

  /** Responses that matched no request in flight, e.g. a 0210 that came after its timeout. */
  public long unmatchedResponses() {
    return link.unmatchedResponses();
  }

  /**
   * Stops the reversal sender (waiting for an attempt in progress), the mux and the adaptor
   * (waiting for its threads), then closes the state it opened. Pending reversals stay queued.
   */
  @Override
  public void close() {
    delivery.stop();
    transport.stop();
    int pending = 0;
    try {
      pending = reversals.pendingCount();
    } catch (LinkStateException e) {
      LOG.log(Level.WARNING, "pending reversals could not be counted", e);
    }
    if (pending > 0) {
      int p = pending;
      LOG.warning(() -> p + " reversal(s) still pending at close");
    }
    closeAll(owned);
  }

  /** Nothing is sent on a link known to be down, so the outcome stays certain (not applied). */
  private void requireConnected() throws BankUnavailableException {
    if (!link.isConnected()) {
      throw new BankUnavailableException("bank link is down; nothing was sent");
    }
  }

  private void requireLink(Link expected, String what) throws BankUnavailableException {
    if (link.link() != expected) {
      throw new BankUnavailableException(
          "the " + link.link().slug() + " link does not carry " + what + "; nothing was sent");
    }
  }

  private static void closeAll(List<AutoCloseable> resources) {
    for (AutoCloseable c : new ArrayList<>(resources)) {
      try {
        c.close();
      } catch (Exception e) {
        LOG.log(Level.WARNING, "link state not closed cleanly", e);
      }
    }
  }
}
