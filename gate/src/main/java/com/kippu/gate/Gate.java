package com.kippu.gate;

import com.kippu.atm.card.CardRecordCodec;
import com.kippu.atm.center.CenterException;
import com.kippu.atm.center.IssuerKeyTrust;
import com.kippu.atm.center.internal.RequestSigner;
import com.kippu.gate.check.GateStore;
import com.kippu.gate.check.TicketChecker;
import com.kippu.gate.online.CenterLink;
import com.kippu.gate.online.GateSync;
import com.kippu.gate.store.SqliteGateStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The venue gate application built from its configuration: the store, the trust in the center's
 * root key, the offline checker and one lane, and the link to the center when one is configured.
 * Starts offline from what its store kept; {@link #sync} brings it up to date.
 */
public final class Gate implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Gate.class.getName());

  private final GateConfig config;
  private final GateStore store;
  private final TicketChecker checker;
  private final GateLane lane;
  private final Optional<GateSync> sync;

  private Gate(
      GateConfig config,
      GateStore store,
      TicketChecker checker,
      GateLane lane,
      Optional<GateSync> sync) {
    this.config = config;
    this.store = store;
    this.checker = checker;
    this.lane = lane;
    this.sync = sync;
  }

  /**
   * Opens the gate on {@code config}; with {@code card.authKey} set, cards that cannot answer the
   * chip challenge are refused as copies.
   */
  public static Gate open(GateConfig config, Clock clock) {
    Optional<CardAuthenticator> cardAuth =
        config.cardAuthKey().map(k -> new ChipAuthenticator(k, new SecureRandom()));
    GateStore store = SqliteGateStore.open(config.storeFile());
    IssuerKeyTrust trust = new IssuerKeyTrust(config.centerRootKey());
    TicketChecker checker = new TicketChecker(config.policy(), trust, store);
    GateSync.restore(trust, checker, store).forEach(LOG::warning);
    Optional<CenterLink> link =
        config
            .centerUrl()
            .map(
                url ->
                    new CenterLink(
                        url,
                        config.policy().gateId(),
                        config.centerSecret().map(RequestSigner::new),
                        config.centerTimeout(),
                        clock));
    CardRecordCodec codec = new CardRecordCodec(new SecureRandom());
    GateLane lane = new GateLane(checker, codec, config.cardAccess(), store, link, cardAuth, clock);
    return new Gate(
        config, store, checker, lane, link.map(l -> new GateSync(l, trust, checker, store)));
  }

  public GateConfig config() {
    return config;
  }

  public GateLane lane() {
    return lane;
  }

  public TicketChecker checker() {
    return checker;
  }

  /**
   * Syncs with the center: certificates, revocation list, offline admissions.
   *
   * @throws CenterException when there is no center configured or it cannot be reached
   */
  public List<String> sync() throws CenterException {
    if (sync.isEmpty()) {
      throw new CenterException("UNREACHABLE", "no center.url configured: the gate is offline");
    }
    return sync.get().run();
  }

  @Override
  public void close() {
    store.close();
  }
}
