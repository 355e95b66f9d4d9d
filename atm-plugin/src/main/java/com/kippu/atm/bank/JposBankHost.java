package com.kippu.atm.bank;

import static java.util.concurrent.TimeUnit.MILLISECONDS;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.AuthorizationResult;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.LinkChannel;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.NetworkManagementCode;
import com.kippu.iso8583.ResponseCode;
import com.kippu.iso8583.security.MessageMac;
import com.kippu.iso8583.security.SecurityModuleException;
import com.kippu.iso8583.spec.MessageValidator;
import com.kippu.iso8583.spec.SpecViolationException;
import com.kippu.iso8583.spec.Specs;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jdom2.Element;
import org.jpos.core.ConfigurationException;
import org.jpos.core.SimpleConfiguration;
import org.jpos.iso.ISOClientSocketFactory;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISORequestListener;
import org.jpos.iso.ISOResponseListener;
import org.jpos.iso.ISOSource;

/**
 * {@link BankHost} over one TCP connection to a bank host or a card network ({@link LinkSetup}): a
 * jPOS NAC-framed {@link LinkChannel} driven by a ChannelAdaptor, with a QMUX matching replies to
 * requests by terminal id and STAN (fields 41, 11). Configured in code, no Q2. It signs on and
 * changes its working keys before anything else; every request is checked against its spec page and
 * MACed, every response must carry a valid MAC and conform to its spec page or it counts as no
 * response (outcome unknown, reversal queued). Every reversal goes through the {@link
 * ReversalQueue} and is stored before it is sent; a background {@link ReversalSender} repeats it
 * (0421) until the host confirms it. Each instance uses its own space queue names, so several links
 * can live in one JVM.
 */
public final class JposBankHost implements BankHost {
  private static final Logger LOG = Logger.getLogger(JposBankHost.class.getName());

  /**
   * jPOS components log to this jPOS logger name, which has no listener on purpose: jPOS message
   * dumps would print account numbers (fields 102, 103) in clear. This class logs masked instead.
   */
  private static final String JPOS_LOGGER = "kippu.bank.link";

  private static final AtomicLong INSTANCES = new AtomicLong();

  /** How long past the request timeout a caller waits for a mux that was stopped meanwhile. */
  private static final long STOPPED_MUX_MARGIN_MILLIS = 1_000;

  private final BankLinkConfig config;
  private final StanSource stans;
  private final ReversalQueue reversals;
  private final List<AutoCloseable> owned;
  private final Clock clock;
  private final BankMessages messages;
  private final LinkAdaptor adaptor;
  private final Optional<TlsSockets> tlsSockets;
  private final LinkMux mux;
  private final LinkSetup setup;
  private final ISOPackager packager;
  private final MessageValidator validator;

  /** One reversal on the wire at a time: repeats share a QMUX key (41, 11) with their 0420. */
  private final ReentrantLock sendLock = new ReentrantLock();

  /** Notified whenever a reversal is confirmed. */
  private final Object confirmations = new Object();

  private final AtomicLong unmatchedResponses = new AtomicLong();
  private volatile ReversalSender sender;

  private JposBankHost(
      BankLinkConfig config,
      StanSource stans,
      ReversalQueue reversals,
      List<AutoCloseable> owned,
      Clock clock,
      LinkAdaptor adaptor,
      LinkMux mux,
      LinkSetup setup) {
    this.setup = setup;
    // The channel's own packager: a message MACed with it is sent as the image the MAC covers.
    this.packager = adaptor.channelPackager();
    this.validator = new MessageValidator(setup.link());
    this.config = config;
    this.stans = stans;
    this.reversals = reversals;
    this.owned = owned;
    this.clock = clock;
    this.messages = new BankMessages(config);
    this.adaptor = adaptor;
    this.tlsSockets =
        adaptor.channel() instanceof LinkChannel c ? TlsSockets.of(c) : Optional.empty();
    this.mux = mux;
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
    LinkChannel channel;
    LinkAdaptor adaptor;
    try {
      channel = newChannel(config, setup.link());
      adaptor = new LinkAdaptor(channel);
    } catch (BankUnavailableException e) {
      closeAll(owned);
      throw e;
    }
    LinkMux mux = new LinkMux();
    JposBankHost host =
        new JposBankHost(config, stans, reversals, owned, clock, adaptor, mux, setup);
    try {
      startAdaptor(adaptor, name, config);
      startMux(mux, name, adaptor.readyIndicator(), host.new UnmatchedResponses());
    } catch (Exception e) {
      host.close();
      throw new BankUnavailableException("bank link could not be started", e);
    }
    if (!adaptor.awaitReady(config.connectTimeout())) {
      host.close();
      Optional<TlsSockets> tls = TlsSockets.of(channel);
      throw new BankUnavailableException(
          "bank host "
              + config.host()
              + ":"
              + config.port()
              + " not reachable within "
              + config.connectTimeout()
              + tls.flatMap(TlsSockets::lastFailureText).map(why -> " (" + why + ")").orElse(""),
          tls.map(t -> t.lastFailure).orElse(null));
    }
    try {
      host.signOn();
    } catch (BankUnavailableException | RuntimeException e) {
      host.close();
      throw e;
    }
    host.sender = host.new ReversalSender(name);
    host.sender.start();
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
    Answered answered =
        sendArmed(
            "transfer",
            request.transactionId(),
            Mti.FINANCIAL_RESPONSE,
            () ->
                reversals.armNextAsync(
                    request, () -> Transmission.next(stans, clock), clock.instant()),
            t -> messages.transfer(request, t));
    Transmission t = answered.transmission();
    ISOMsg response = answered.response();
    TransferResult result = toResult(response, t);
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

  /** The answer to a financial request and the transmission it was sent under. */
  private record Answered(ISOMsg response, Transmission transmission) {}

  /** Builds a financial request for the transmission it goes under. */
  @FunctionalInterface
  private interface RequestBuilder {
    ISOMsg build(Transmission t)
        throws ISOException, SpecViolationException, SecurityModuleException;
  }

  /** Stores the reversal of a financial request and takes its STAN, without waiting. */
  @FunctionalInterface
  private interface Arming {
    CompletableFuture<ReversalQueue.Armed> arm();
  }

  /**
   * The one path of every financial request (0200, 0100): store its reversal with the STAN before
   * anything leaves, send, and disarm the reversal only once a valid answer is in; without one,
   * release the reversal and report the outcome as unknown.
   *
   * <p>The steps run where their input arrives, as a {@link Flight}: the request is built, MACed
   * and handed to the mux by the link state's writer right after the reversal is committed; the
   * answer is checked by the thread that receives it, which queues the disarm; the disarm's commit
   * completes the flight. The caller waits once, for the end, and handles every other outcome
   * itself, as before. The order of the guarantees is unchanged: nothing leaves before its reversal
   * is on disk, and nothing is reported before the disarm is.
   */
  private Answered sendArmed(
      String what, String transactionId, String answerMti, Arming arming, RequestBuilder builder)
      throws BankUnavailableException {
    Flight flight = new Flight(builder);
    try {
      // No request leaves without its reversal on disk (see ReversalQueue); STAN and reversal are
      // committed together, and the flight sends the request only once that commit is done.
      arming.arm().whenComplete(flight::armed);
    } catch (LinkStateException | IllegalStateException e) {
      throw new BankUnavailableException(
          what + " " + transactionId + " not sent: could not be prepared", e);
    }
    Landing landing = flight.await();
    ReversalId armed = landing.armed();
    switch (landing.kind()) {
      case NOT_ARMED -> {
        if (landing.failure() instanceof LinkStateException
            || landing.failure() instanceof IllegalStateException) {
          throw new BankUnavailableException(
              what + " " + transactionId + " not sent: could not be prepared", landing.failure());
        }
        throw asUnchecked(landing.failure());
      }
      case NOT_PREPARED -> {
        disarmOrKeep(armed);
        throw new BankUnavailableException(
            what + " " + transactionId + " not sent: could not be prepared", landing.failure());
      }
      case NOT_SENT -> {
        // QMUX refuses before handing the message to the channel: nothing left the terminal.
        disarmOrKeep(armed);
        throw new BankUnavailableException(what + " could not be sent", landing.failure());
      }
      case SEND_FAILED -> {
        releaseAndTry(transactionId, armed);
        throw asUnchecked(landing.failure());
      }
      case NO_ANSWER -> {
        Stan stan = landing.transmission().stan();
        LOG.warning(
            () ->
                String.format(
                    "tx %s stan %s: no usable %s, reversing", transactionId, stan, answerMti));
        String reversal = releaseAndTry(transactionId, armed);
        throw new BankUnavailableException(
            "no answer to "
                + what
                + " "
                + transactionId
                + " within "
                + config.requestTimeout()
                + "; reversal "
                + reversal);
      }
      case NOT_DISARMED -> {
        // The stored reversal would undo this request after a restart, so the caller must not
        // rely on it either: report the outcome as unknown and let the reversal run.
        LOG.log(
            Level.SEVERE, "tx " + transactionId + ": answered but not disarmed", landing.failure());
        throw new BankUnavailableException(
            what
                + " "
                + transactionId
                + " answered, but its state could not be recorded; reversal "
                + releaseAndTry(transactionId, armed),
            landing.failure());
      }
      default -> {
        return new Answered(landing.response(), landing.transmission());
      }
    }
  }

  private static RuntimeException asUnchecked(Throwable t) {
    if (t instanceof RuntimeException r) {
      return r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException(t);
  }

  /** How a {@link Flight} ended. */
  private enum LandingKind {
    /** The reversal could not be stored: nothing was armed, nothing sent. */
    NOT_ARMED,
    /** Armed, but the request could not be built or checked: nothing sent. */
    NOT_PREPARED,
    /** Armed, but the mux refused the request: nothing sent. */
    NOT_SENT,
    /** Armed, and the mux failed while taking the request: it may have left. */
    SEND_FAILED,
    /** Sent, and no usable answer in time: the outcome is unknown. */
    NO_ANSWER,
    /** Answered, and the disarm is on disk. */
    ANSWERED,
    /** Answered, but the disarm failed: the reversal stays armed. */
    NOT_DISARMED
  }

  private record Landing(
      LandingKind kind,
      ReversalId armed,
      Transmission transmission,
      ISOMsg response,
      Throwable failure) {}

  /**
   * One financial request from arming to disarming. Its state decides races: the request is sent
   * only from QUEUED, and its answer (or expiry) is used only from SENT; a caller that gives up
   * takes the flight to ABANDONED first, so a late answer is then only logged.
   */
  private final class Flight implements ISOResponseListener {
    private static final int QUEUED = 0;
    private static final int SENT = 1;
    private static final int SETTLING = 2;
    private static final int ABANDONED = 3;

    private final RequestBuilder builder;
    private final AtomicInteger state = new AtomicInteger(QUEUED);
    private final CompletableFuture<Landing> landed = new CompletableFuture<>();
    private volatile ReversalQueue.Armed armed;
    private volatile ISOMsg request;

    Flight(RequestBuilder builder) {
      this.builder = builder;
    }

    /** On the link state's writer, right after the arming commit (or its failure). */
    void armed(ReversalQueue.Armed a, Throwable failure) {
      if (failure != null) {
        if (state.compareAndSet(QUEUED, SETTLING)) {
          land(LandingKind.NOT_ARMED, null, unwrap(failure));
        }
        return;
      }
      armed = a;
      ISOMsg message;
      try {
        message = prepare(builder.build(a.transmission()));
      } catch (ISOException | SpecViolationException | RuntimeException e) {
        // A security module failure (no working keys) is a RuntimeException too.
        if (state.compareAndSet(QUEUED, SETTLING)) {
          land(LandingKind.NOT_PREPARED, null, e);
        } else {
          dropUnsent(a);
        }
        return;
      }
      request = message;
      if (!state.compareAndSet(QUEUED, SENT)) {
        dropUnsent(a);
        return;
      }
      try {
        mux.request(message, config.requestTimeout().toMillis(), this, null);
      } catch (ISOException e) {
        settle(LandingKind.NOT_SENT, null, e);
      } catch (RuntimeException e) {
        settle(LandingKind.SEND_FAILED, null, e);
      }
    }

    /**
     * The caller gave up before anything left: the armed reversal has nothing to undo. Called on
     * the writer, where the disarm runs at once in a transaction of its own.
     */
    private void dropUnsent(ReversalQueue.Armed a) {
      try {
        reversals.disarmAsync(a.id()).join();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, a.id() + " stays armed; reversed after restart", e);
      }
    }

    /** On the thread that received the answer: check it, then disarm. */
    @Override
    public void responseReceived(ISOMsg response, Object handBack) {
      ISOMsg answer = usable(request, response);
      if (!state.compareAndSet(SENT, SETTLING)) {
        unmatchedResponses.incrementAndGet();
        LOG.warning(
            () ->
                "late answer to stan "
                    + armed.transmission().stan()
                    + " ignored: the caller gave up, its reversal runs");
        return;
      }
      if (answer == null) {
        land(LandingKind.NO_ANSWER, null, null);
        return;
      }
      // An approval's reversal is kept (not sent) until the flow settles the payment: recovery may
      // still have to reverse it after a restart. A decline's is not needed.
      (ResponseCode.APPROVED.code().equals(answer.getString(Field.RESPONSE_CODE))
              ? reversals.keepApprovedAsync(armed.id())
              : reversals.disarmAsync(armed.id()))
          .whenComplete(
              (done, e) -> {
                if (e == null) {
                  land(LandingKind.ANSWERED, answer, null);
                } else {
                  land(LandingKind.NOT_DISARMED, null, unwrap(e));
                }
              });
    }

    /** On the mux's timer: no answer within the request timeout. */
    @Override
    public void expired(Object handBack) {
      settle(LandingKind.NO_ANSWER, null, null);
    }

    /** Lands from SENT only, so an expiry after the answer changes nothing. */
    private void settle(LandingKind kind, ISOMsg response, Throwable failure) {
      if (state.compareAndSet(SENT, SETTLING)) {
        land(kind, response, failure);
      }
    }

    private void land(LandingKind kind, ISOMsg response, Throwable failure) {
      ReversalQueue.Armed a = armed;
      landed.complete(
          new Landing(
              kind,
              a == null ? null : a.id(),
              a == null ? null : a.transmission(),
              response,
              failure));
    }

    /**
     * The landing. The mux's timer ends a sent flight at the request timeout; should the mux stop
     * first (the link closing), the caller gives up after a margin and treats it as no answer. An
     * interrupted caller gives up at once unless the disarm is being committed, and keeps its
     * interrupt flag: before sending, nothing leaves; after, the outcome is unknown.
     */
    Landing await() {
      long bound = config.requestTimeout().toMillis() + STOPPED_MUX_MARGIN_MILLIS;
      boolean interrupted = false;
      try {
        while (true) {
          try {
            return landed.get(bound, MILLISECONDS);
          } catch (InterruptedException e) {
            interrupted = true;
          } catch (TimeoutException e) {
            // no landing within the bound: give up a sent flight below
          } catch (ExecutionException e) {
            throw new IllegalStateException("a flight lands, it does not fail", e);
          }
          if (state.compareAndSet(SENT, ABANDONED)) {
            return new Landing(LandingKind.NO_ANSWER, armed.id(), armed.transmission(), null, null);
          }
          if (interrupted && state.compareAndSet(QUEUED, ABANDONED)) {
            return new Landing(
                LandingKind.NOT_ARMED,
                null,
                null,
                null,
                new LinkStateException("interrupted waiting for the link state", null));
          }
          if (interrupted) {
            // Settling: the last commit is under way and ends on its own.
            return landed.join();
          }
          // Still arming: the link state answers (commits or fails) in the end.
        }
      } finally {
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private static Throwable unwrap(Throwable t) {
    return t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
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
    confirmOrThrow(id, original.transactionId());
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
    confirmOrThrow(id.get(), transactionId);
    return true;
  }

  private void confirmOrThrow(ReversalId id, String transactionId) throws BankUnavailableException {
    Outcome outcome;
    try {
      outcome = attempt(id);
    } catch (LinkStateException e) {
      throw new BankUnavailableException(
          "reversal of " + transactionId + " queued but not sent", e);
    }
    if (outcome != Outcome.CONFIRMED) {
      throw new BankUnavailableException(
          "reversal of "
              + transactionId
              + " not confirmed ("
              + outcome.description
              + "); it stays queued and is repeated until the host confirms it");
    }
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
    Answered answered =
        sendArmed(
            "authorization",
            request.transactionId(),
            Mti.AUTHORIZATION_RESPONSE,
            () ->
                reversals.armNextAsync(
                    request, () -> Transmission.next(stans, clock), clock.instant()),
            t -> messages.authorization(request, t));
    Transmission t = answered.transmission();
    ISOMsg response = answered.response();
    TransferResult r = toResult(response, t);
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
    confirmOrThrow(id, original.transactionId());
  }

  @Override
  public boolean echo() throws BankUnavailableException {
    requireConnected();
    try {
      ISOMsg response = exchange(prepare(messages.echo(Transmission.next(stans, clock))));
      if (response == null) {
        throw new BankUnavailableException(
            "no valid answer to echo within " + config.requestTimeout());
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
    for (String code :
        new String[] {NetworkManagementCode.SIGN_ON, NetworkManagementCode.KEY_CHANGE}) {
      ISOMsg response;
      try {
        response =
            exchange(prepare(messages.networkManagement(Transmission.next(stans, clock), code)));
      } catch (ISOException | SpecViolationException e) {
        throw new BankUnavailableException("0800 " + code + " could not be sent", e);
      }
      if (response == null) {
        throw new BankUnavailableException("no valid answer to 0800 " + code);
      }
      String rc = response.getString(Field.RESPONSE_CODE);
      if (!ResponseCode.APPROVED.code().equals(rc)) {
        throw new BankUnavailableException("host refused 0800 " + code + " with " + rc);
      }
      if (NetworkManagementCode.KEY_CHANGE.equals(code)) {
        try {
          var pinKey =
              setup.security().installWorkingKeys(response.getString(Field.ADDITIONAL_DATA));
          if (setup.pinPad() != null) {
            setup.pinPad().loadPinKey(pinKey);
          }
        } catch (SecurityModuleException | IllegalArgumentException e) {
          throw new BankUnavailableException("working keys from the host refused", e);
        }
      }
    }
    LOG.info(() -> setup.link().slug() + " link signed on, working keys changed");
  }

  /**
   * MACs {@code m} and checks it against its spec page, so a malformed request never leaves the
   * terminal.
   */
  private ISOMsg prepare(ISOMsg m) throws ISOException, SpecViolationException {
    MessageMac.signAndPack(m, packager, macFunction(m));
    validator.validate(m);
    return m;
  }

  /**
   * Sends {@code request} and returns its answer, or null when none arrives in time or the one that
   * arrives has a bad MAC or breaks its spec page: either way the outcome is unknown.
   */
  private ISOMsg exchange(ISOMsg request) throws ISOException {
    return usable(request, awaitAnswer(request));
  }

  /**
   * {@code response} when its MAC verifies and it conforms to the spec page of {@code request}'s
   * answer; null (logged) otherwise, and when there is none.
   */
  private ISOMsg usable(ISOMsg request, ISOMsg response) {
    if (response == null) {
      return null;
    }
    var spec = Specs.find(setup.link(), request).orElseThrow();
    if (!MessageMac.verify(response, packager, macFunction(response))) {
      LOG.warning(
          () ->
              String.format(
                  "%s stan %s: answer's MAC does not verify, treated as no answer",
                  request.getString(0), request.getString(Field.STAN)));
      return null;
    }
    try {
      validator.validate(spec.spec(), spec.spec().response(), response);
    } catch (SpecViolationException e) {
      LOG.warning(
          () ->
              String.format(
                  "%s stan %s: answer breaks its spec, treated as no answer: %s",
                  request.getString(0), request.getString(Field.STAN), e.getMessage()));
      return null;
    }
    return response;
  }

  /**
   * Sends {@code request} through the mux and waits for the message matching it (41, 11), or null
   * after the request timeout. The mux hands the answer to this caller alone: a blocking QMUX
   * request waits on the mux's space, which wakes every waiting caller at each answer.
   */
  private ISOMsg awaitAnswer(ISOMsg request) throws ISOException {
    long timeout = config.requestTimeout().toMillis();
    CompletableFuture<ISOMsg> answer = new CompletableFuture<>();
    mux.request(
        request,
        timeout,
        new ISOResponseListener() {
          @Override
          public void responseReceived(ISOMsg response, Object handBack) {
            answer.complete(response);
          }

          @Override
          public void expired(Object handBack) {
            answer.complete(null);
          }
        },
        null);
    try {
      // The mux's timer completes it at the timeout; the margin only guards a mux stopped
      // meanwhile.
      return answer.get(timeout + STOPPED_MUX_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }

  private UnaryOperator<byte[]> macFunction(ISOMsg m) {
    String mti = m.getString(0);
    boolean keyExchange =
        Mti.NETWORK_MANAGEMENT_REQUEST.equals(mti) || Mti.NETWORK_MANAGEMENT_RESPONSE.equals(mti);
    return keyExchange ? setup.security().keyExchangeMacFunction() : setup.security().macFunction();
  }

  private void requireLink(Link link, String what) throws BankUnavailableException {
    if (setup.link() != link) {
      throw new BankUnavailableException(
          "the " + setup.link().slug() + " link does not carry " + what + "; nothing was sent");
    }
  }

  /** Reversals stored and not yet confirmed by the host. */
  public int pendingReversals() {
    return reversals.pendingCount();
  }

  /**
   * Waits until no reversal is pending or {@code timeout} passes, e.g. before a planned shutdown.
   *
   * @return true when none is pending
   */
  public boolean awaitNoPendingReversals(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (confirmations) {
      while (reversals.pendingCount() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(confirmations, left);
      }
      return true;
    }
  }

  /** Responses that matched no request in flight, e.g. a 0210 that came after its timeout. */
  public long unmatchedResponses() {
    return unmatchedResponses.get();
  }

  /**
   * Stops the reversal sender (waiting for an attempt in progress), the mux and the adaptor
   * (waiting for its threads), then closes the state it opened. Pending reversals stay queued.
   */
  @Override
  public void close() {
    if (sender != null) {
      sender.stop();
    }
    mux.stop();
    tlsSockets.ifPresent(TlsSockets::close);
    adaptor.stop();
    mux.destroy();
    adaptor.destroy();
    if (adaptor.getInQueue() != null) {
      adaptor.wipeQueues();
    }
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
    if (!mux.isConnected()) {
      throw new BankUnavailableException("bank link is down; nothing was sent");
    }
  }

  /** A 0200 that certainly did not leave: its armed reversal is dropped (kept if that fails). */
  private void disarmOrKeep(ReversalId armed) {
    try {
      reversals.disarm(armed);
    } catch (LinkStateException e) {
      LOG.log(Level.WARNING, armed + " stays armed; reversed after restart", e);
    }
  }

  /**
   * The 0200's outcome is unknown: its reversal becomes pending and is tried once.
   *
   * @return how it went, for the caller's message
   */
  private String releaseAndTry(String transactionId, ReversalId armed) {
    try {
      reversals.release(armed);
      return attempt(armed) == Outcome.CONFIRMED ? "confirmed" : "queued";
    } catch (LinkStateException e) {
      LOG.log(Level.SEVERE, "tx " + transactionId + ": reversal not released", e);
      return "stored, sent after restart";
    }
  }

  /** One attempt to deliver reversal {@code id}; never two at once. */
  private Outcome attempt(ReversalId id) {
    sendLock.lock();
    try {
      if (!mux.isConnected()) {
        return Outcome.LINK_DOWN;
      }
      PendingReversal r =
          reversals
              .beginAttempt(id, () -> Transmission.next(stans, clock), clock.instant())
              .orElse(null);
      if (r == null) {
        return Outcome.CONFIRMED; // by an earlier attempt: nothing pending under this id
      }
      ISOMsg answer;
      try {
        answer = exchange(prepare(messages.reversal(r, r.transmission(clock.getZone()))));
      } catch (ISOException | SpecViolationException | SecurityModuleException e) {
        LOG.log(Level.WARNING, "reversal " + r + " not sent", e);
        return Outcome.NOT_SENT;
      }
      if (answer == null) {
        LOG.warning(() -> "reversal " + r + ": no valid 0430 within " + config.requestTimeout());
        return Outcome.UNANSWERED;
      }
      String rc = answer.getString(Field.RESPONSE_CODE);
      if (!ResponseCode.APPROVED.code().equals(rc)) {
        LOG.warning(() -> "reversal " + r + ": host answered rc=" + rc + ", stays queued");
        return Outcome.REFUSED;
      }
      reversals.confirm(id, clock.instant());
      synchronized (confirmations) {
        confirmations.notifyAll();
      }
      LOG.info(() -> "reversal " + r + " confirmed by " + r.mti());
      return Outcome.CONFIRMED;
    } finally {
      sendLock.unlock();
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

  private enum Outcome {
    CONFIRMED("confirmed"),
    LINK_DOWN("link down"),
    NOT_SENT("not sent"),
    UNANSWERED("no 0430 in time"),
    REFUSED("host did not answer 00");

    final String description;

    Outcome(String description) {
      this.description = description;
    }
  }

  /**
   * The single daemon thread that repeats pending reversals: right after connect (so reversals left
   * by an earlier process go first), then every {@code reversalRetryInterval}. A round stops at the
   * first unanswered attempt, since the host is then unlikely to answer the next one.
   */
  private final class ReversalSender implements Runnable {
    private final Object wakeup = new Object();
    private final Thread thread;
    private volatile boolean stopped;

    ReversalSender(String name) {
      thread = new Thread(this, "reversals-" + name);
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    /** Stops and waits for an attempt in flight, bounded by about one request timeout. */
    void stop() {
      stopped = true;
      synchronized (wakeup) {
        wakeup.notifyAll();
      }
      try {
        thread.join(config.requestTimeout().multipliedBy(2).plusSeconds(1).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void run() {
      while (!stopped) {
        try {
          deliverPending();
        } catch (RuntimeException e) {
          LOG.log(Level.WARNING, "reversal round failed; retrying", e);
        }
        try {
          synchronized (wakeup) {
            if (!stopped) {
              wakeup.wait(config.reversalRetryInterval().toMillis());
            }
          }
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    private void deliverPending() {
      if (!mux.isConnected()) {
        return;
      }
      for (ReversalId id : reversals.pendingIds()) {
        if (stopped) {
          return;
        }
        Outcome outcome = attempt(id);
        if (outcome == Outcome.UNANSWERED || outcome == Outcome.LINK_DOWN) {
          return;
        }
      }
    }
  }

  /**
   * Responses no request waits for any more, mostly a 0210 or 0430 after its timeout. Such a 0210
   * must not count: its transfer was reported unknown and its reversal is queued, so it is logged
   * (masked) and dropped here instead of lingering with account numbers in the unhandled queue.
   */
  private final class UnmatchedResponses implements ISORequestListener {
    @Override
    public boolean process(ISOSource source, ISOMsg m) {
      unmatchedResponses.incrementAndGet();
      LOG.warning(
          () ->
              String.format(
                  "late or unmatched %s stan %s rrn %s rc %s (%s -> %s) ignored",
                  m.getString(0),
                  m.getString(Field.STAN),
                  m.getString(Field.RRN),
                  m.getString(Field.RESPONSE_CODE),
                  masked(m.getString(Field.FROM_ACCOUNT)),
                  masked(m.getString(Field.TO_ACCOUNT))));
      return true;
    }

    private static String masked(String account) {
      if (account == null) {
        return "-";
      }
      try {
        return new AccountNumber(account).masked();
      } catch (IllegalArgumentException e) {
        return "***";
      }
    }
  }

  private static TransferResult toResult(ISOMsg response, Transmission t) {
    String rc = response.getString(Field.RESPONSE_CODE);
    String rrn =
        response.hasField(Field.RRN) ? response.getString(Field.RRN) : t.retrievalReference();
    boolean approved = ResponseCode.APPROVED.code().equals(rc);
    String approval =
        approved && response.hasField(Field.APPROVAL_CODE)
            ? response.getString(Field.APPROVAL_CODE).trim()
            : "";
    return new TransferResult(rc, t.stan().value(), rrn, approval, t.at());
  }

  private static LinkChannel newChannel(BankLinkConfig config, Link link)
      throws BankUnavailableException {
    LinkChannel channel = LinkChannel.of(link);
    SimpleConfiguration cfg = new SimpleConfiguration();
    cfg.put("host", config.host());
    cfg.put("port", Integer.toString(config.port()));
    cfg.put("connect-timeout", Long.toString(config.connectTimeout().toMillis()));
    // No read timeout: an idle link is healthy; liveness is checked with 0800 echo.
    cfg.put("timeout", "0");
    try {
      channel.setConfiguration(cfg);
    } catch (ConfigurationException e) {
      throw new BankUnavailableException("bank channel misconfigured", e);
    }
    config
        .tls()
        .ifPresent(
            tls ->
                channel.setSocketFactory(
                    new TlsSockets(tls.clientSockets(config.connectTimeout()))));
    return channel;
  }

  /**
   * The TLS sockets of a link. Says why a connection failed (an untrusted or misnamed certificate,
   * a refused handshake) in the log, once per distinct reason, and to a start-up that never
   * connected. Closing it ends every connection it made and refuses new ones, so a connection whose
   * set-up finishes while the link stops cannot outlive the link.
   */
  private static final class TlsSockets implements ISOClientSocketFactory {
    private final ISOClientSocketFactory sockets;
    private final Set<Socket> made = ConcurrentHashMap.newKeySet();
    private volatile Exception lastFailure;
    private volatile String lastLogged;
    private volatile boolean closed;

    TlsSockets(ISOClientSocketFactory sockets) {
      this.sockets = sockets;
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException, ISOException {
      if (closed) {
        throw new IOException("bank link closed");
      }
      Socket s;
      try {
        s = sockets.createSocket(host, port);
      } catch (IOException | ISOException | RuntimeException e) {
        failed(host, port, e);
        throw e;
      }
      made.removeIf(Socket::isClosed);
      made.add(s);
      if (closed) {
        s.close();
        throw new IOException("bank link closed");
      }
      lastFailure = null;
      lastLogged = null;
      return s;
    }

    private void failed(String host, int port, Exception e) {
      lastFailure = e;
      String why = String.valueOf(e.getMessage());
      if (!why.equals(lastLogged)) {
        lastLogged = why;
        LOG.warning(() -> "bank link to " + host + ":" + port + " not established: " + why);
      }
    }

    void close() {
      closed = true;
      for (Socket s : made) {
        try {
          s.close();
        } catch (IOException e) {
          // closing is all that is wanted
        }
      }
    }

    static Optional<TlsSockets> of(LinkChannel channel) {
      return channel.getSocketFactory() instanceof TlsSockets t ? Optional.of(t) : Optional.empty();
    }

    /** Why the last set-up failed, labelled "TLS" only when TLS refused it. */
    Optional<String> lastFailureText() {
      Exception e = lastFailure;
      if (e == null) {
        return Optional.empty();
      }
      return Optional.of((e instanceof javax.net.ssl.SSLException ? "TLS: " : "") + e.getMessage());
    }
  }

  private static void startAdaptor(LinkAdaptor adaptor, String name, BankLinkConfig config)
      throws ConfigurationException {
    Element persist = new Element("channel-adaptor");
    persist.addContent(new Element("in").setText(name + ".tx"));
    persist.addContent(new Element("out").setText(name + ".rx"));
    persist.addContent(
        new Element("reconnect-delay").setText(Long.toString(config.reconnectDelay().toMillis())));
    persist.addContent(new Element("wait-for-workers-on-stop").setText("yes"));
    adaptor.setName(name + "-channel");
    adaptor.setPersist(persist);
    adaptor.setConfiguration(new SimpleConfiguration());
    adaptor.setLogger(JPOS_LOGGER);
    adaptor.init();
    adaptor.start();
  }

  private static void startMux(
      LinkMux mux, String name, String readyIndicator, ISORequestListener unmatched)
      throws ConfigurationException {
    Element persist = new Element("qmux");
    persist.addContent(new Element("in").setText(name + ".rx"));
    persist.addContent(new Element("out").setText(name + ".tx"));
    persist.addContent(new Element("ready").setText(readyIndicator));
    mux.setName(name + "-mux");
    mux.setPersist(persist);
    mux.setConfiguration(new SimpleConfiguration());
    mux.setLogger(JPOS_LOGGER);
    mux.init();
    mux.addISORequestListener(unmatched);
    mux.start();
  }
}
