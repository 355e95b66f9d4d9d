package com.kippu.atm.bank;

import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import com.kippu.iso8583.BankHostLink;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.ResponseCode;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jdom2.Element;
import org.jpos.core.ConfigurationException;
import org.jpos.core.SimpleConfiguration;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.channel.NACChannel;
import org.jpos.q2.iso.QMUX;

/**
 * {@link BankHost} over one TCP connection: a jPOS NACChannel (2-byte length header) driven by a
 * ChannelAdaptor, with a QMUX matching replies to requests by terminal id and STAN (fields 41, 11).
 * Configured in code, no Q2. Each instance uses its own space queue names, so several links can
 * live in one JVM.
 */
public final class JposBankHost implements BankHost {
  private static final Logger LOG = Logger.getLogger(JposBankHost.class.getName());

  /**
   * jPOS components log to this jPOS logger name, which has no listener on purpose: jPOS message
   * dumps would print account numbers (fields 102, 103) in clear. This class logs masked instead.
   */
  private static final String JPOS_LOGGER = "kippu.bank.link";

  private static final AtomicLong INSTANCES = new AtomicLong();

  private final BankLinkConfig config;
  private final StanSource stans;
  private final Clock clock;
  private final BankMessages messages;
  private final LinkAdaptor adaptor;
  private final QMUX mux;

  private JposBankHost(
      BankLinkConfig config, StanSource stans, Clock clock, LinkAdaptor adaptor, QMUX mux) {
    this.config = config;
    this.stans = stans;
    this.clock = clock;
    this.messages = new BankMessages(config);
    this.adaptor = adaptor;
    this.mux = mux;
  }

  /**
   * Opens the link and waits up to {@code config.connectTimeout()} for the connection.
   *
   * @throws BankUnavailableException when the host cannot be reached in time; nothing is left
   *     running in that case
   */
  public static JposBankHost connect(BankLinkConfig config, StanSource stans, Clock clock)
      throws BankUnavailableException {
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(stans, "stans");
    Objects.requireNonNull(clock, "clock");
    String name = "kippu-bank-" + config.terminalId().trim() + "-" + INSTANCES.incrementAndGet();
    LinkAdaptor adaptor = new LinkAdaptor(newChannel(config));
    QMUX mux = new QMUX();
    JposBankHost host = new JposBankHost(config, stans, clock, adaptor, mux);
    try {
      startAdaptor(adaptor, name, config);
      startMux(mux, name, adaptor.readyIndicator());
    } catch (Exception e) {
      host.close();
      throw new BankUnavailableException("bank link could not be started", e);
    }
    if (!adaptor.awaitReady(config.connectTimeout())) {
      host.close();
      throw new BankUnavailableException(
          "bank host "
              + config.host()
              + ":"
              + config.port()
              + " not reachable within "
              + config.connectTimeout());
    }
    return host;
  }

  /**
   * Sends one 0200 and returns the 0210 as received. When no usable 0210 arrives within the request
   * timeout, one 0420 is sent for it (waiting up to one more request timeout) before {@link
   * BankUnavailableException} is thrown.
   */
  @Override
  public TransferResult transfer(TransferRequest request) throws BankUnavailableException {
    Objects.requireNonNull(request, "request");
    requireConnected();
    Transmission t = Transmission.next(stans, clock);
    ISOMsg response;
    try {
      response = mux.request(messages.transfer(request, t), config.requestTimeout().toMillis());
    } catch (ISOException e) {
      throw new BankUnavailableException("transfer could not be sent", e);
    }
    if (response == null || !response.hasField(Field.RESPONSE_CODE)) {
      LOG.warning(
          () ->
              String.format(
                  "tx %s stan %s: no usable 0210, reversing", request.transactionId(), t.stan()));
      reverseBestEffort(request, t);
      throw new BankUnavailableException(
          "no answer to transfer "
              + request.transactionId()
              + " within "
              + config.requestTimeout()
              + "; reversal sent");
    }
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

  /**
   * Sends a 0420 naming the approved 0200 (field 90) and waits for the 0430. Until the
   * store-and-forward queue exists an unconfirmed reversal is not repeated by this class: the
   * exception tells the caller to keep it.
   */
  @Override
  public void reverse(TransferRequest original, TransferResult approval)
      throws BankUnavailableException {
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(approval, "approval");
    requireConnected();
    Transmission t = Transmission.next(stans, clock);
    ISOMsg response;
    try {
      ISOMsg reversal =
          messages.reversal(
              original,
              approval.stan(),
              Transmission.field7(approval.transmittedAt()),
              approval.rrn(),
              t);
      response = mux.request(reversal, config.requestTimeout().toMillis());
    } catch (ISOException e) {
      throw new BankUnavailableException("reversal could not be sent", e);
    }
    if (response == null) {
      throw new BankUnavailableException(
          "no answer to reversal of "
              + original.transactionId()
              + " within "
              + config.requestTimeout());
    }
    String rc = response.getString(Field.RESPONSE_CODE);
    if (!ResponseCode.APPROVED.code().equals(rc)) {
      throw new BankUnavailableException(
          "host did not confirm reversal of " + original.transactionId() + ": rc=" + rc);
    }
    LOG.info(
        () ->
            String.format(
                "tx %s: reversal of stan %s confirmed", original.transactionId(), approval.stan()));
  }

  @Override
  public boolean echo() throws BankUnavailableException {
    requireConnected();
    try {
      ISOMsg response =
          mux.request(
              messages.echo(Transmission.next(stans, clock)), config.requestTimeout().toMillis());
      if (response == null) {
        throw new BankUnavailableException("no answer to echo within " + config.requestTimeout());
      }
      return ResponseCode.APPROVED.code().equals(response.getString(Field.RESPONSE_CODE));
    } catch (ISOException e) {
      throw new BankUnavailableException("echo could not be sent", e);
    }
  }

  /** Stops the mux and the adaptor, waiting for the adaptor's sender and receiver threads. */
  @Override
  public void close() {
    mux.stop();
    adaptor.stop();
    mux.destroy();
    adaptor.destroy();
    if (adaptor.getInQueue() != null) {
      adaptor.wipeQueues();
    }
  }

  /** Nothing is sent on a link known to be down, so the outcome stays certain (not applied). */
  private void requireConnected() throws BankUnavailableException {
    if (!mux.isConnected()) {
      throw new BankUnavailableException("bank link is down; nothing was sent");
    }
  }

  /**
   * One 0420 for a 0200 whose outcome is unknown. A lost reversal is only logged here; queuing it
   * until the host confirms is the job of the store-and-forward queue.
   */
  private void reverseBestEffort(TransferRequest request, Transmission original) {
    try {
      ISOMsg reversal =
          messages.reversal(
              request,
              original.stan().value(),
              original.dateTime(),
              original.retrievalReference(),
              Transmission.next(stans, clock));
      ISOMsg answer = mux.request(reversal, config.requestTimeout().toMillis());
      LOG.info(
          () ->
              String.format(
                  "tx %s: reversal of stan %s %s",
                  request.transactionId(),
                  original.stan(),
                  answer == null
                      ? "unanswered"
                      : "answered rc=" + answer.getString(Field.RESPONSE_CODE)));
    } catch (ISOException | RuntimeException e) {
      LOG.log(Level.WARNING, "tx " + request.transactionId() + ": reversal not sent", e);
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

  private static NACChannel newChannel(BankLinkConfig config) throws BankUnavailableException {
    NACChannel channel = new NACChannel();
    channel.setPackager(BankHostLink.packager());
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
    return channel;
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

  private static void startMux(QMUX mux, String name, String readyIndicator)
      throws ConfigurationException {
    Element persist = new Element("qmux");
    persist.addContent(new Element("in").setText(name + ".rx"));
    persist.addContent(new Element("out").setText(name + ".tx"));
    persist.addContent(new Element("unhandled").setText(name + ".unhandled"));
    persist.addContent(new Element("ready").setText(readyIndicator));
    mux.setName(name + "-mux");
    mux.setPersist(persist);
    mux.setConfiguration(new SimpleConfiguration());
    mux.setLogger(JPOS_LOGGER);
    mux.init();
    mux.start();
  }
}
