package com.kippu.atm.bank;

import com.kippu.atm.payment.AccountNumber;
import com.kippu.atm.payment.AuthorizationRequest;
import com.kippu.atm.payment.AuthorizationResult;
import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.CashDepositRequest;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Picks the link for each request from the terminal's configured routes, in order: the first route
 * that reaches both banks of a transfer, or that carries the card authorization's kind. A reversal
 * takes the route its original took (the choice depends only on the request). So an in-company CD
 * sends intra-bank transfers over its card network route and transfers to an issuer at another bank
 * over the configured alternate route (S1 ¶115-116).
 */
public final class BankRouter implements BankHost {
  private static final Logger LOG = Logger.getLogger(BankRouter.class.getName());

  private final List<BankRoute> routes;
  private final Map<String, LongAdder> carried = new ConcurrentHashMap<>();

  /**
   * @throws IllegalArgumentException when no route is given or two share a name
   */
  public BankRouter(List<BankRoute> routes) {
    Objects.requireNonNull(routes, "routes");
    if (routes.isEmpty()) {
      throw new IllegalArgumentException("a router needs at least one route");
    }
    if (routes.stream().map(BankRoute::name).distinct().count() != routes.size()) {
      throw new IllegalArgumentException("route names must be unique");
    }
    this.routes = List.copyOf(routes);
  }

  /** The route a transfer between these accounts takes, if any. */
  public Optional<BankRoute> routeFor(AccountNumber from, AccountNumber to) {
    String fromBank = bankCode(from);
    String toBank = bankCode(to);
    return routes.stream().filter(r -> r.carriesTransfer(fromBank, toBank)).findFirst();
  }

  /** The route a card authorization of {@code kind} takes, if any. */
  public Optional<BankRoute> routeFor(AuthorizationRequest.Kind kind) {
    return routes.stream().filter(r -> r.authorizations().contains(kind)).findFirst();
  }

  @Override
  public TransferResult transfer(TransferRequest request) throws BankUnavailableException {
    BankRoute route = carry(transferRoute(request));
    LOG.fine(() -> "tx " + request.transactionId() + " via " + route.name());
    return route.link().transfer(request);
  }

  @Override
  public void reverse(TransferRequest original, TransferResult approval)
      throws BankUnavailableException {
    transferRoute(original).link().reverse(original, approval);
  }

  /** A cash deposit credit goes over the first route that reaches the issuer's bank. */
  @Override
  public TransferResult depositCash(CashDepositRequest request) throws BankUnavailableException {
    Objects.requireNonNull(request, "request");
    String bank = bankCode(request.to());
    BankRoute route =
        routes.stream()
            .filter(r -> r.carriesTransfer(bank, bank))
            .findFirst()
            .orElseThrow(
                () ->
                    new BankUnavailableException(
                        "no route carries a cash deposit to bank " + bank + "; nothing was sent"));
    carry(route);
    LOG.fine(() -> "tx " + request.transactionId() + " via " + route.name());
    return route.link().depositCash(request);
  }

  @Override
  public AuthorizationResult authorize(AuthorizationRequest request)
      throws BankUnavailableException {
    return carry(authorizationRoute(request)).link().authorize(request);
  }

  @Override
  public void reverse(AuthorizationRequest original, AuthorizationResult approval)
      throws BankUnavailableException {
    authorizationRoute(original).link().reverse(original, approval);
  }

  /** Every route forgets the payment; only the one that carried it kept anything. */
  @Override
  public void settled(String transactionId) {
    routes.forEach(r -> r.link().settled(transactionId));
  }

  /**
   * Asks every route: the one that carried the payment kept its approval (payment ids are unique
   * per terminal); a route that kept nothing answers false without sending anything.
   */
  @Override
  public boolean reverseApproved(String transactionId) throws BankUnavailableException {
    BankUnavailableException unavailable = null;
    for (BankRoute r : routes) {
      try {
        if (r.link().reverseApproved(transactionId)) {
          return true;
        }
      } catch (BankUnavailableException e) {
        unavailable = e;
      }
    }
    if (unavailable != null) {
      throw unavailable;
    }
    return false;
  }

  /**
   * Waits until no route's link has a reversal pending, or {@code timeout} passes.
   *
   * @return true when none is pending
   */
  public boolean awaitNoPendingReversals(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (BankRoute r : routes) {
      if (r.link() instanceof JposBankHost link
          && !link.awaitNoPendingReversals(
              Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
        return false;
      }
    }
    return true;
  }

  /** True when every route's host answered its echo with 00. */
  @Override
  public boolean echo() throws BankUnavailableException {
    boolean all = true;
    for (BankRoute r : routes) {
      all &= r.link().echo();
    }
    return all;
  }

  /** Closes every route's link. */
  @Override
  public void close() {
    List<RuntimeException> failures = new ArrayList<>();
    for (BankRoute r : routes) {
      try {
        r.link().close();
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "route " + r.name() + " did not close cleanly", e);
        failures.add(e);
      }
    }
    if (!failures.isEmpty()) {
      throw failures.get(0);
    }
  }

  private BankRoute transferRoute(TransferRequest request) throws BankUnavailableException {
    Objects.requireNonNull(request, "request");
    return routeFor(request.from(), request.to())
        .orElseThrow(
            () ->
                new BankUnavailableException(
                    "no route carries a transfer from bank "
                        + bankCode(request.from())
                        + " to bank "
                        + bankCode(request.to())
                        + "; nothing was sent"));
  }

  private BankRoute authorizationRoute(AuthorizationRequest request)
      throws BankUnavailableException {
    Objects.requireNonNull(request, "request");
    return routes.stream()
        .filter(r -> r.carriesAuthorization(request))
        .findFirst()
        .orElseThrow(
            () ->
                new BankUnavailableException(
                    "no route carries "
                        + request.kind()
                        + " authorizations"
                        + (request.payee() == null ? "" : " to bank " + bankCode(request.payee()))
                        + "; nothing was sent"));
  }

  /**
   * How many payments (transfers, cash credits, authorizations; not reversals) {@code routeName}
   * was handed since the router started: what an operator and the demo see of the routing.
   */
  public long carried(String routeName) {
    LongAdder n = carried.get(routeName);
    return n == null ? 0 : n.sum();
  }

  private BankRoute carry(BankRoute route) {
    carried.computeIfAbsent(route.name(), k -> new LongAdder()).increment();
    return route;
  }

  /** The bank code: the first four digits of an account number. */
  static String bankCode(AccountNumber account) {
    return account.value().substring(0, 4);
  }
}
