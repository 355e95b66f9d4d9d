package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.CenterCommits;
import com.kippu.center.card.CardChallenges;
import com.kippu.center.card.CardProof;
import com.kippu.center.common.Answer;
import com.kippu.center.home.BankOrder;
import com.kippu.center.home.HomeOutcome;
import com.kippu.center.home.HomePayment;
import com.kippu.center.home.HomeService;
import com.kippu.center.reservation.CardId;
import com.kippu.center.user.AccountPan;
import com.kippu.center.user.Pin;
import com.kippu.center.user.UserId;
import java.util.Base64;
import java.util.Optional;

/**
 * The home PC terminal (F13, S2 ¶46-52). At a branch terminal a registered user sets a home
 * password and the card to pay with (PIN-authenticated); from a home PC, only over TLS, the user
 * logs in with user id and password and the center authorises card payments at the card host (S2
 * ¶49-51), or orders an online-banking transfer at the user's bank (S2 ¶51), under the terminal's
 * reference, answering what the terminal shows the issuer as proof.
 */
public final class HomeRoutes implements RouteGroup {
  static final String SESSION_HEADER = "X-Home-Session";

  private final HomeService home;
  private final UserPins pins;
  private final CardChallenges challenges;

  public HomeRoutes(HomeService home, UserPins pins, CardChallenges challenges) {
    this.home = home;
    this.pins = pins;
    this.challenges = challenges;
  }

  @Override
  public void register(Router router, Guards guards) {
    router
        .add("POST", "/v1/users/{}/home-access", guards.terminal(this::setUp))
        .add("POST", "/v1/home/sessions", guards.terminal(this::login))
        .add("POST", "/v1/home/payments", guards.terminal(this::pay))
        .add("POST", "/v1/home/cards", guards.terminal(this::linkCard))
        .add("GET", "/v1/home/payments/{}", guards.terminal(this::payment))
        .add("POST", "/v1/home/payments/{}/reverse", guards.terminal(this::reverse));
  }

  private Response setUp(Request request) throws ApiException {
    request.terminalId();
    JsonFields body = request.body();
    UserId userId =
        CenterApi.id(request.pathParam(0), UserId::new)
            .orElseThrow(() -> ApiException.invalid("userId", "is not a valid user id"));
    // The PIN as every PIN route takes it: a PIN block, or clear only over TLS.
    Pin pin = pins.pin(request, body, userId);
    pins.requireSecretChannel(request, "password");
    char[] password = password(body);
    String[] card = card(body.object("card"));
    Answer<HomeOutcome, String> done =
        home.setUp(request.terminalId(), userId, pin, password, card[0], card[1]);
    if (!done.success()) {
      return Answers.refusal(done, HomeRoutes::status);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("userId", userId.value());
    out.put("maskedCard", done.value());
    return Response.json(200, out);
  }

  private Response login(Request request) throws ApiException {
    requireTls(request);
    JsonFields body = request.body();
    UserId userId = body.value("userId", UserId::new);
    Answer<HomeOutcome, HomeService.Session> done =
        home.login(request.terminalId(), userId, password(body));
    if (!done.success()) {
      return Answers.refusal(done, HomeRoutes::status);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("session", done.value().token());
    out.put("userId", userId.value());
    out.put("maskedCard", done.value().maskedCard());
    out.put("expiresAt", done.value().expiresAt().toString());
    return Response.json(200, out);
  }

  private Response pay(Request request) throws ApiException {
    requireTls(request);
    HomeService.Session session = session(request);
    JsonFields body = request.body();
    String reference = body.text("reference", 64);
    long amount = body.boundedLong("amountYen", 1, 100_000_000L);
    String terminal = request.terminalId().value();
    if (body.has("onlineBanking")) {
      if (body.has("card")) {
        throw ApiException.invalid("card", "a payment is by card or by online banking, not both");
      }
      return committed(
          home.payByBank(
              session,
              terminal,
              reference,
              amount,
              bankOrder(request, body.object("onlineBanking"))));
    }
    Optional<String[]> keyed =
        body.has("card") ? Optional.of(card(body.object("card"))) : Optional.empty();
    return committed(home.pay(session, terminal, reference, amount, keyed));
  }

  /**
   * The transfer a user orders at their bank (S2 ¶51): from their account, to the account that
   * receives the price, with their online-banking PIN as every PIN route takes one ({@link
   * UserPins}): a block from the home PC's PIN pad, formed for the paying account's cash card
   * number ({@link AccountPan}) under the terminal's center PIN key. A clear {@code pin} is still
   * taken under the same rule (this route is TLS only), for clients without a PIN pad; the plugin
   * never sends one.
   */
  private BankOrder bankOrder(Request request, JsonFields order) throws ApiException {
    String from = order.text("account", 16);
    String to = order.text("payeeAccount", 16);
    if (!BankOrder.isAccount(from)) {
      throw ApiException.invalid(order.pathOf("account"), "must look like 0001-001-1234567");
    }
    if (!BankOrder.isAccount(to)) {
      throw ApiException.invalid(order.pathOf("payeeAccount"), "must look like 0001-001-1234567");
    }
    Pin pin =
        pins.optional(request, order, AccountPan.of(from))
            .orElseThrow(() -> ApiException.missing(order.pathOf("pinBlock")));
    return new BankOrder(from, pin.digits(), to);
  }

  /** The card in the home PC's reader, recorded under the logged-in user on its own proof. */
  private Response linkCard(Request request) throws ApiException {
    requireTls(request);
    HomeService.Session session = session(request);
    JsonFields body = request.body();
    CardId card = body.value("cardId", CardId::new);
    JsonFields p = body.object("cardProof");
    byte[] response;
    try {
      response = Base64.getDecoder().decode(p.text("response", 128));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(p.pathOf("response"), "must be base64");
    }
    CardProof proof = new CardProof(p.text("challengeId", 64), response);
    Answer<HomeOutcome, CardId> done =
        home.linkCard(
            session, request.terminalId(), card, (c, at) -> challenges.refusal(proof, c, at));
    if (!done.success()) {
      return Answers.refusal(done, HomeRoutes::status);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("userId", session.userId().value());
    out.put("cardId", done.value().value());
    return Response.json(200, out);
  }

  private Response payment(Request request) throws ApiException {
    requireTls(request);
    return answer(home.payment(request.terminalId().value(), request.pathParam(0)));
  }

  private Response reverse(Request request) throws ApiException {
    requireTls(request);
    return committed(home.reverse(request.terminalId().value(), request.pathParam(0)));
  }

  /**
   * The answer to a payment or reversal, once its record is durable (a crash test's kill point).
   */
  private static Response committed(Answer<HomeOutcome, HomePayment> done) {
    if (done.success()) {
      CenterCommits.committed(CenterCommits.HOME);
    }
    return answer(done);
  }

  private static Response answer(Answer<HomeOutcome, HomePayment> done) {
    if (!done.success()) {
      return Answers.refusal(done, HomeRoutes::status);
    }
    HomePayment p = done.value();
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("reference", p.reference());
    out.put("method", p.method().name());
    out.put("status", p.status().name());
    out.put("amountYen", p.amountYen());
    out.put(p.method() == HomePayment.Method.CARD ? "maskedCard" : "maskedAccount", p.paidFrom());
    out.put("startedAt", p.startedAt().toString());
    if (p.responseCode() != null) { // the host's answer, absent while the payment is pending
      out.put("responseCode", p.responseCode());
      out.put("rrn", p.rrn());
      out.put("approvalCode", p.approvalCode());
      out.put("stan", p.stan());
      out.put("paidAt", p.paidAt().toString());
    }
    return Response.json(200, out);
  }

  /** Nothing a home PC sends is taken over plain HTTP (S2 ¶52). */
  private static void requireTls(Request request) throws ApiException {
    if (!request.secure()) {
      throw new ApiException(
          403, "TLS_REQUIRED", "the home PC routes are served over HTTPS only", null);
    }
  }

  private HomeService.Session session(Request request) throws ApiException {
    return home.session(request.header(SESSION_HEADER))
        .orElseThrow(
            () ->
                new ApiException(
                    401, "SESSION_EXPIRED", "log in again: no valid home session", SESSION_HEADER));
  }

  private static char[] password(JsonFields body) throws ApiException {
    String raw = body.text("password", 64);
    if (raw.length() < 8) {
      throw ApiException.invalid("password", "must be 8 to 64 characters");
    }
    return raw.toCharArray();
  }

  private static String[] card(JsonFields card) throws ApiException {
    String number = card.text("number", 19);
    String expiry = card.text("expiry", 4);
    if (!number.matches("\\d{13,19}")) {
      throw ApiException.invalid(card.pathOf("number"), "must be 13 to 19 digits");
    }
    if (!expiry.matches("\\d{4}")) {
      throw ApiException.invalid(card.pathOf("expiry"), "must be YYMM");
    }
    return new String[] {number, expiry};
  }

  private static int status(HomeOutcome outcome) {
    return switch (outcome) {
      case OK -> 200;
      case AUTH_FAILED, SESSION_EXPIRED -> 401;
      case USER_LOCKED -> 423;
      case TERMINAL_THROTTLED -> 429;
      case NO_HOME_ACCESS, NO_STORED_CARD, PAYMENT_NOT_FOUND -> 404;
      case DECLINED, REFERENCE_REUSED, PAYMENT_ALREADY_USED -> 409;
      case CARD_HOST_UNAVAILABLE, BANK_UNAVAILABLE -> 503;
      case CARD_NOT_PRESENT -> 403;
      case CARD_OF_ANOTHER_USER -> 409;
    };
  }
}
