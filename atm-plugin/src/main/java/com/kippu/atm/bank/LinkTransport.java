package com.kippu.atm.bank;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.LinkChannel;
import java.util.Optional;
import java.util.logging.Logger;
import org.jdom2.Element;
import org.jpos.core.ConfigurationException;
import org.jpos.core.SimpleConfiguration;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISORequestListener;
import org.jpos.iso.ISOSource;

/**
 * The jPOS pieces of one link, configured in code without Q2: a NAC-framed {@link LinkChannel}
 * (over TLS when configured) driven by a ChannelAdaptor, and a QMUX matching replies to requests by
 * terminal id and STAN (fields 41, 11). Each link uses its own space queue names, so several links
 * can live in one JVM.
 */
final class LinkTransport {
  private static final Logger LOG = Logger.getLogger(LinkTransport.class.getName());

  /**
   * jPOS components log to this jPOS logger name, which has no listener on purpose: jPOS message
   * dumps would print account numbers (fields 102, 103) in clear. The link logs masked instead.
   */
  private static final String JPOS_LOGGER = "kippu.bank.link";

  private final BankLinkConfig config;
  private final LinkAdaptor adaptor;
  private final LinkMux mux = new LinkMux();
  private final Optional<TlsSockets> tlsSockets;

  private LinkTransport(BankLinkConfig config, LinkChannel channel) {
    this.config = config;
    this.adaptor = new LinkAdaptor(channel);
    this.tlsSockets = TlsSockets.of(channel);
  }

  /** The channel, adaptor and mux of {@code link}, not started. */
  static LinkTransport create(BankLinkConfig config, Link link) throws BankUnavailableException {
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
    return new LinkTransport(config, channel);
  }

  /** The request and answer checks of this link under the keys of {@code setup}. */
  LinkExchange exchange(LinkSetup setup) {
    // The channel's own packager: a message MACed with it is sent as the image the MAC covers.
    return new LinkExchange(setup, mux, adaptor.channelPackager(), config.requestTimeout());
  }

  /**
   * Starts adaptor and mux under queue names derived from {@code name}; answers no request waits
   * for are counted on {@code exchange} and dropped.
   */
  void start(String name, LinkExchange exchange) throws ConfigurationException {
    startAdaptor(name);
    startMux(name, new UnmatchedResponses(exchange));
  }

  /**
   * Waits for the connection.
   *
   * @throws BankUnavailableException saying why when the host was not reached in the connect
   *     timeout
   */
  void awaitConnected() throws BankUnavailableException {
    if (adaptor.awaitReady(config.connectTimeout())) {
      return;
    }
    throw new BankUnavailableException(
        "bank host "
            + config.host()
            + ":"
            + config.port()
            + " not reachable within "
            + config.connectTimeout()
            + tlsSockets
                .flatMap(TlsSockets::lastFailureText)
                .map(why -> " (" + why + ")")
                .orElse(""),
        tlsSockets.flatMap(TlsSockets::lastFailure).orElse(null));
  }

  /** Stops mux and adaptor, waiting for the adaptor's threads, and leaves no queued message. */
  void stop() {
    mux.stop();
    tlsSockets.ifPresent(TlsSockets::close);
    adaptor.stop();
    mux.destroy();
    adaptor.destroy();
    if (adaptor.getInQueue() != null) {
      adaptor.wipeQueues();
    }
  }

  private void startAdaptor(String name) throws ConfigurationException {
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

  private void startMux(String name, ISORequestListener unmatched) throws ConfigurationException {
    Element persist = new Element("qmux");
    persist.addContent(new Element("in").setText(name + ".rx"));
    persist.addContent(new Element("out").setText(name + ".tx"));
    persist.addContent(new Element("ready").setText(adaptor.readyIndicator()));
    mux.setName(name + "-mux");
    mux.setPersist(persist);
    mux.setConfiguration(new SimpleConfiguration());
    mux.setLogger(JPOS_LOGGER);
    mux.init();
    mux.addISORequestListener(unmatched);
    mux.start();
  }

  /**
   * Responses no request waits for any more, mostly a 0210 or 0430 after its timeout. Such a 0210
   * must not count: its transfer was reported unknown and its reversal is queued, so it is logged
   * (masked) and dropped here instead of lingering with account numbers in the unhandled queue.
   */
  private static final class UnmatchedResponses implements ISORequestListener {
    private final LinkExchange exchange;

    UnmatchedResponses(LinkExchange exchange) {
      this.exchange = exchange;
    }

    @Override
    public boolean process(ISOSource source, ISOMsg m) {
      exchange.countUnmatched();
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
}
