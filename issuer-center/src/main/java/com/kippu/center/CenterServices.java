package com.kippu.center;

import com.kippu.center.application.ApplicationSales;
import com.kippu.center.application.CardApplications;
import com.kippu.center.application.sql.SqlApplicationSales;
import com.kippu.center.application.sql.SqlCardApplications;
import com.kippu.center.browse.CatalogBrowser;
import com.kippu.center.card.CardChallenges;
import com.kippu.center.card.CardKeys;
import com.kippu.center.card.CardStanding;
import com.kippu.center.card.IssuerCardStatus;
import com.kippu.center.card.LostCardService;
import com.kippu.center.card.PassReissues;
import com.kippu.center.card.PrepaidService;
import com.kippu.center.card.PrepaidStatus;
import com.kippu.center.card.PurseLoads;
import com.kippu.center.card.RechargeQuotes;
import com.kippu.center.card.TicketReplacements;
import com.kippu.center.card.sql.SqlCardChallenges;
import com.kippu.center.card.sql.SqlCardRepository;
import com.kippu.center.card.sql.SqlPassReissues;
import com.kippu.center.card.sql.SqlPrepaidRepository;
import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.EventId;
import com.kippu.center.db.Database;
import com.kippu.center.home.HomeRails;
import com.kippu.center.home.HomeService;
import com.kippu.center.home.sql.SqlHomeRepository;
import com.kippu.center.http.ApplicationRoutes;
import com.kippu.center.http.CardRoutes;
import com.kippu.center.http.CatalogRoutes;
import com.kippu.center.http.CenterApi;
import com.kippu.center.http.Guards;
import com.kippu.center.http.HealthRoutes;
import com.kippu.center.http.HomeRoutes;
import com.kippu.center.http.IdentityRoutes;
import com.kippu.center.http.IssuerAdminRoutes;
import com.kippu.center.http.KeyRoutes;
import com.kippu.center.http.ProductSalesRoutes;
import com.kippu.center.http.RechargeRoutes;
import com.kippu.center.http.RouteGroup;
import com.kippu.center.http.SalesRoutes;
import com.kippu.center.http.TerminalAdminRoutes;
import com.kippu.center.http.TicketReplacementRoutes;
import com.kippu.center.http.UserPins;
import com.kippu.center.issuer.CatalogPublisher;
import com.kippu.center.issuer.IssuerAdministration;
import com.kippu.center.issuer.IssuerAuthenticator;
import com.kippu.center.issuer.SalesEndpointPolicy;
import com.kippu.center.issuer.sql.SqlIssuerAccountRepository;
import com.kippu.center.issuer.sql.SqlIssuerCatalogRepository;
import com.kippu.center.outbox.OutboxRelay;
import com.kippu.center.outbox.internal.HttpCardStatus;
import com.kippu.center.outbox.internal.HttpDelivery;
import com.kippu.center.outbox.sql.SqlOutbox;
import com.kippu.center.product.sql.SqlProductRepository;
import com.kippu.center.reservation.NumberGenerator;
import com.kippu.center.reservation.ReservationService;
import com.kippu.center.reservation.sql.SqlReservationRepository;
import com.kippu.center.sales.PassSales;
import com.kippu.center.sales.PayingCards;
import com.kippu.center.sales.ProductQuotes;
import com.kippu.center.sales.PurchaseService;
import com.kippu.center.sales.Quotes;
import com.kippu.center.sales.sql.SqlPassSales;
import com.kippu.center.sales.sql.SqlPaymentLedger;
import com.kippu.center.sales.sql.SqlSalesFeed;
import com.kippu.center.settlement.SettlementService;
import com.kippu.center.settlement.sql.SqlSettlementRepository;
import com.kippu.center.terminal.CenterPinKeys;
import com.kippu.center.terminal.ReplayGuard;
import com.kippu.center.terminal.TerminalAuthenticator;
import com.kippu.center.terminal.TerminalRegistry;
import com.kippu.center.terminal.sql.SqlPinKeyRepository;
import com.kippu.center.terminal.sql.SqlTerminalRepository;
import com.kippu.center.user.Identities;
import com.kippu.center.user.PinHasher;
import com.kippu.center.user.SignInGrants;
import com.kippu.center.user.UserService;
import com.kippu.center.user.sql.SqlIdentities;
import com.kippu.center.user.sql.SqlSignInGrants;
import com.kippu.center.user.sql.SqlUserRepository;
import com.kippu.center.verify.CardAccessCertificates;
import com.kippu.center.verify.IssuerKeyCertificates;
import com.kippu.center.verify.RevocationList;
import com.kippu.center.verify.TicketVerifier;
import com.kippu.center.verify.sql.SqlCenterKeys;
import com.kippu.center.verify.sql.SqlGateRepository;
import com.kippu.center.verify.sql.SqlRevocations;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Builds the center's business around the sale on one database: issuer accounts and catalog pushes,
 * browsing, the sales paths, verification and revocation, registered users, cards, the outbox to
 * issuers and settlement; and runs the outbox relay in the background when configured.
 */
public final class CenterServices implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(CenterServices.class.getName());
  private static final Duration DELIVERY_TIMEOUT = Duration.ofSeconds(10);

  /** How long a sale waits for an issuer's local server to say whether it invalidated a card. */
  private static final Duration CARD_STATUS_TIMEOUT = Duration.ofSeconds(2);

  private final PurchaseService purchases;
  private final CardStanding cardStanding;
  private final OutboxRelay relay;
  private final Guards guards;
  private final List<RouteGroup> groups;
  private final java.util.concurrent.atomic.AtomicBoolean stopping;
  private ScheduledExecutorService relayThread;
  private volatile CenterApi api;

  private CenterServices(
      PurchaseService purchases,
      CardStanding cardStanding,
      OutboxRelay relay,
      Guards guards,
      List<RouteGroup> groups,
      java.util.concurrent.atomic.AtomicBoolean stopping) {
    this.purchases = purchases;
    this.cardStanding = cardStanding;
    this.relay = relay;
    this.guards = guards;
    this.groups = groups;
    this.stopping = stopping;
  }

  /** Whether a connection answers within two seconds; never throws. */
  private static boolean databaseUp(Database db) {
    try {
      return db.read(c -> c.isValid(2));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "health check: database unreachable", e);
      return false;
    }
  }

  public static CenterServices build(
      Database db,
      CatalogRepository catalog,
      ReservationService holds,
      CenterConfig config,
      Clock clock,
      TerminalAuthenticator terminals,
      ReplayGuard replays,
      Consumer<EventId> eventPublished) {
    return build(
        db, catalog, holds, config, clock, terminals, replays, eventPublished, HomeRails.NONE);
  }

  /**
   * As above, home PC payments authorised through {@code rails}: at the card host, or ordered at
   * the user's bank (F13, S2 ¶49-51).
   */
  public static CenterServices build(
      Database db,
      CatalogRepository catalog,
      ReservationService holds,
      CenterConfig config,
      Clock clock,
      TerminalAuthenticator terminals,
      ReplayGuard replays,
      Consumer<EventId> eventPublished,
      HomeRails rails) {
    BusinessRules rules = config.business();
    SecureRandom random = new SecureRandom();
    NumberGenerator numbers = new NumberGenerator();
    new SqlCenterKeys(db, clock).ensureKey();

    var accounts = new SqlIssuerAccountRepository(db);
    var products = new SqlProductRepository(db);
    var issuerCatalog = new SqlIssuerCatalogRepository(db);
    var ledger = new SqlPaymentLedger(db);
    ReservationService payLater =
        new ReservationService(
            catalog, new SqlReservationRepository(db), numbers, clock, rules.payWithin());
    SqlPrepaidRepository prepaidCards = new SqlPrepaidRepository(db);
    SqlCardRepository cardRepository = new SqlCardRepository(db);
    CardStanding standing =
        new CardStanding(
            cardRepository, catalog, new HttpCardStatus(accounts, CARD_STATUS_TIMEOUT, clock));
    PayingCards paying =
        new PayingCards(
            // A purse pays only while the center and the card's issuer both have it active (the
            // issuer's invalidation is refused as a loss, below).
            card ->
                prepaidCards
                    .find(card)
                    .map(
                        c ->
                            c.status() == PrepaidStatus.INACTIVE
                                || standing
                                    .prepaidRefusal(card, c.issuerId())
                                    .filter(r -> r.status() != IssuerCardStatus.Status.INVALIDATED)
                                    .isPresent())
                    .orElse(false),
            standing,
            card -> prepaidCards.find(card).map(c -> c.issuerId()));
    PurchaseService purchases = new PurchaseService(holds, payLater, ledger, paying);
    UserSecurity security = rules.users();
    UserService users =
        new UserService(
            new SqlUserRepository(db),
            new PinHasher(rules.pinIterations(), random),
            clock,
            new UserService.Limits(
                rules.maxPinFailures(),
                rules.lockout(),
                security.terminalMaxPinFailures(),
                security.terminalWindow()),
            new SignInGrants(new SqlSignInGrants(db), random, clock));
    OutboxRelay relay =
        new OutboxRelay(
            new SqlOutbox(db),
            List.of(new SqlSalesFeed(db)),
            accounts,
            new HttpDelivery(DELIVERY_TIMEOUT),
            clock);
    Guards guards =
        new Guards(
            terminals,
            config.terminalAuth().required(),
            new IssuerAuthenticator(accounts, clock, config.terminalAuth().maxClockSkew(), replays),
            rules.operatorTokens(),
            !config.development());
    List<RouteGroup> groups = new ArrayList<>();
    groups.add(
        new CatalogRoutes(
            new CatalogPublisher(issuerCatalog, products, accounts, clock, eventPublished),
            issuerCatalog,
            new CatalogBrowser(catalog, products, clock)));
    groups.add(
        new IssuerAdminRoutes(
            new IssuerAdministration(accounts, random, clock),
            new SalesEndpointPolicy(rules.salesHosts(), config.development())));
    groups.add(
        new SalesRoutes(
            purchases,
            new Quotes(catalog, standing, clock),
            new SettlementService(
                new SqlSettlementRepository(db), accounts, rules.settlementZone())));
    groups.add(
        new TicketReplacementRoutes(
            new TicketReplacements(cardRepository, catalog, numbers, clock)));
    groups.add(
        new com.kippu.center.http.TicketVoidRoutes(
            new com.kippu.center.voids.TicketVoids(
                new com.kippu.center.voids.sql.SqlTicketVoids(db), clock)));
    SqlCenterKeys centerKeys = new SqlCenterKeys(db, clock);
    PrepaidService prepaid =
        new PrepaidService(
            prepaidCards,
            products,
            ledger,
            random,
            clock,
            rules.recharge(),
            rules.settlementZone(),
            standing);
    CenterPinKeys pinKeys =
        new CenterPinKeys(
            new SqlTerminalRepository(db), new SqlPinKeyRepository(db), random, clock);
    UserPins pins = new UserPins(pinKeys, users, config.development());
    Identities identities = new Identities(new SqlIdentities(db), users, clock);
    CardChallenges challenges =
        new CardChallenges(
            new SqlCardChallenges(db), security.cardAuthKey().map(CardKeys::new), random, clock);
    groups.add(
        new CardRoutes(
            new TicketVerifier(new SqlGateRepository(db), standing, clock),
            new RevocationList(new SqlRevocations(db), centerKeys, clock),
            centerKeys,
            users,
            new LostCardService(
                users,
                cardRepository,
                catalog,
                numbers,
                new PassReissues(
                    new SqlPassReissues(db), catalog, numbers, clock, rules.settlementZone()),
                clock),
            prepaid,
            challenges,
            pinKeys,
            standing,
            pins,
            identities));
    groups.add(new IdentityRoutes(identities, pins));
    groups.add(
        new ProductSalesRoutes(
            new ProductQuotes(products, catalog, clock, rules.settlementZone()),
            new PassSales(
                products,
                catalog,
                new SqlPassSales(db),
                numbers,
                paying,
                clock,
                rules.settlementZone()),
            identities,
            pins));
    groups.add(
        new RechargeRoutes(
            new RechargeQuotes(prepaid, catalog, clock), new PurseLoads(prepaidCards, clock)));
    groups.add(
        new HomeRoutes(
            new HomeService(
                new SqlHomeRepository(db), users, rules.pinIterations(), rails, random, clock),
            pins,
            challenges));
    SqlCardApplications cardApplications = new SqlCardApplications(db);
    groups.add(
        new ApplicationRoutes(
            new CardApplications(cardApplications, catalog, clock),
            new ApplicationSales(
                cardApplications, new SqlApplicationSales(db), paying, numbers, clock)));
    groups.add(new KeyRoutes(new IssuerKeyCertificates(catalog, centerKeys)));
    java.util.concurrent.atomic.AtomicBoolean stopping =
        new java.util.concurrent.atomic.AtomicBoolean();
    groups.add(new HealthRoutes(() -> databaseUp(db), stopping::get));
    groups.add(
        new TerminalAdminRoutes(
            new TerminalRegistry(new SqlTerminalRepository(db), terminals, random, clock),
            new CardAccessCertificates(centerKeys)));
    CenterServices services =
        new CenterServices(purchases, standing, relay, guards, groups, stopping);
    if (!rules.outboxInterval().isZero()) {
      services.startRelay(rules.outboxInterval());
    }
    return services;
  }

  /** The HTTP API with these services' routes and {@code more} route groups. */
  public CenterApi api(
      CatalogRepository catalog,
      ReservationService holds,
      Clock clock,
      byte[] openApi,
      List<RouteGroup> more) {
    List<RouteGroup> all = new ArrayList<>(groups);
    all.addAll(more);
    api = new CenterApi(catalog, holds, purchases, clock, openApi, guards, all);
    return api;
  }

  /** What may go onto a card: the center's lost cards and the issuers' invalidations. */
  public CardStanding cardStanding() {
    return cardStanding;
  }

  /** Every route of the API built by {@link #api}, as {@code METHOD /path/{}/template}. */
  public List<String> routes() {
    return api.router().routes();
  }

  /** Feeds and delivers the outbox once, now. */
  public OutboxRelay.Report deliverOutbox() {
    return relay.runOnce();
  }

  private void startRelay(Duration every) {
    relayThread =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "center-outbox");
              t.setDaemon(true);
              return t;
            });
    relayThread.scheduleWithFixedDelay(
        () -> {
          try {
            relay.runOnce();
          } catch (RuntimeException e) {
            // A failed run must not end the schedule; undelivered messages wait for the next.
            LOG.log(System.Logger.Level.WARNING, "outbox delivery run failed", e);
          }
        },
        every.toMillis(),
        every.toMillis(),
        TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    stopping.set(true);
    if (relayThread != null) {
      relayThread.shutdownNow();
    }
  }
}
