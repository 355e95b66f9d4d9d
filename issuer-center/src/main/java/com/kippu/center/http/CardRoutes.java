package com.kippu.center.http;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.CenterCommits;
import com.kippu.center.card.CardChallenge;
import com.kippu.center.card.CardChallenges;
import com.kippu.center.card.CardOutcome;
import com.kippu.center.card.CardPass;
import com.kippu.center.card.CardProof;
import com.kippu.center.card.CardReissue;
import com.kippu.center.card.CardStanding;
import com.kippu.center.card.LostCard;
import com.kippu.center.card.LostCardService;
import com.kippu.center.card.PassReissues;
import com.kippu.center.card.PrepaidCard;
import com.kippu.center.card.PrepaidService;
import com.kippu.center.card.ReissuedPass;
import com.kippu.center.card.ReissuedTicket;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.common.Answer;
import com.kippu.center.product.ProductId;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.reservation.TicketNumber;
import com.kippu.center.signing.PublishedKey;
import com.kippu.center.terminal.CenterPinKeys;
import com.kippu.center.terminal.Terminal;
import com.kippu.center.terminal.TerminalKind;
import com.kippu.center.user.Identities;
import com.kippu.center.user.Pin;
import com.kippu.center.user.PurchaseRecord;
import com.kippu.center.user.UserCard;
import com.kippu.center.user.UserId;
import com.kippu.center.user.UserOutcome;
import com.kippu.center.user.UserProfile;
import com.kippu.center.user.UserService;
import com.kippu.center.verify.CenterKeys;
import com.kippu.center.verify.GateEntry;
import com.kippu.center.verify.RevocationList;
import com.kippu.center.verify.TicketVerifier;
import com.kippu.center.verify.Verdict;
import com.kippu.center.verify.Verification;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The card after the sale: gate verification and the signed revocation list (F8, S1 ¶79),
 * registered users and their purchases (F12), lost cards and reissue (F9), prepaid activation and
 * recharge (F10, F11). A user's PIN arrives as a PIN block from the terminal's PIN pad under the
 * PIN key the terminal took from {@code POST /v1/terminals/pin-key}; a clear {@code pin} is taken
 * only over TLS (a home PC's password) or in development mode. Linking a card and reissuing onto
 * one need the card's answer to a challenge from {@code POST /v1/cards/{cardId}/challenge}.
 */
public final class CardRoutes implements RouteGroup {
  static final int MAX_CARD_IDS = 500;

  private final TicketVerifier verifier;
  private final RevocationList revocations;
  private final CenterKeys centerKeys;
  private final UserService users;
  private final LostCardService lostCards;
  private final PrepaidService prepaid;
  private final CardChallenges challenges;
  private final CenterPinKeys pinKeys;
  private final CardStanding standing;
  private final UserPins pins;
  private final Identities identities;

  public CardRoutes(
      TicketVerifier verifier,
      RevocationList revocations,
      CenterKeys centerKeys,
      UserService users,
      LostCardService lostCards,
      PrepaidService prepaid,
      CardChallenges challenges,
      CenterPinKeys pinKeys,
      CardStanding standing,
      UserPins pins,
      Identities identities) {
    this.verifier = verifier;
    this.revocations = revocations;
    this.centerKeys = centerKeys;
    this.users = users;
    this.lostCards = lostCards;
    this.prepaid = prepaid;
    this.challenges = challenges;
    this.pinKeys = pinKeys;
    this.standing = standing;
    this.pins = pins;
    this.identities = identities;
  }

  @Override
  public void register(Router router, Guards guards) {
    router
        .add("POST", "/v1/tickets/{}/verify", guards.anyTerminal(this::verify))
        .add("GET", "/v1/revocations", r -> revocationList())
        .add("GET", "/v1/center/key", r -> centerKey())
        .add("POST", "/v1/terminals/pin-key", guards.terminal(this::pinKey))
        .add("POST", "/v1/cards/{}/challenge", guards.terminal(this::challenge))
        .add("POST", "/v1/users", guards.terminal(this::register))
        .add("POST", "/v1/users/{}/cards", guards.terminal(this::linkCard))
        .add("POST", "/v1/users/{}/purchases", guards.terminal(this::purchases))
        .add("POST", "/v1/users/{}/cards/{}/lost", guards.terminal(this::lost))
        .add("POST", "/v1/users/{}/cards/{}/reissue", guards.terminal(this::reissue))
        .add("POST", "/v1/issuers/{}/prepaid-cards", guards.issuer(this::registerPrepaid))
        .add("GET", "/v1/prepaid-cards/{}", guards.terminal(this::prepaidCard))
        .add("POST", "/v1/prepaid-cards/{}/activate", guards.terminal(this::activate))
        .add("POST", "/v1/prepaid-cards/{}/recharge", guards.terminal(this::recharge));
  }

  private Response verify(Request request) throws ApiException {
    GateEntry entry = null;
    JsonFields body = request.body();
    CardId cardId = body.value("cardId", CardId::new);
    Terminal caller = request.caller();
    if (body.has("entryId")) {
      if (caller.kind() != TerminalKind.GATE) {
        // Only a gate admits; an ATM may check a ticket but never mark it used.
        throw new ApiException(
            403, "NOT_A_GATE", "terminal " + caller.terminalId() + " cannot admit", "entryId");
      }
      try {
        entry = new GateEntry(caller.terminalId(), body.text("entryId"));
      } catch (IllegalArgumentException e) {
        throw ApiException.invalid("entryId", e.getMessage());
      }
    }
    Optional<TicketNumber> number = CenterApi.id(request.pathParam(0), TicketNumber::new);
    if (number.isEmpty()) {
      return Response.json(404, verdictBody(request.pathParam(0), Verdict.UNKNOWN, null));
    }
    Verification v =
        entry == null
            ? verifier.check(number.get(), cardId)
            : verifier.admit(number.get(), cardId, entry, caller.venue().orElseThrow());
    ObjectNode out = verdictBody(v.ticketNumber().value(), v.verdict(), v);
    return Response.json(OutcomeStatus.of(v.verdict()), out);
  }

  private static ObjectNode verdictBody(String ticket, Verdict verdict, Verification v) {
    ObjectNode out = Response.JSON.createObjectNode();
    if (verdict != Verdict.VALID) {
      out.put("error", "TICKET_" + verdict.name());
      out.put(
          "message",
          "ticket "
              + ticket
              + " is "
              + verdict.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '));
    }
    out.put("ticketNumber", ticket);
    out.put("verdict", verdict.name());
    if (v != null) {
      v.usedAt().ifPresent(t -> out.put("usedAt", t.toString()));
      v.usedAtGate().ifPresent(g -> out.put("gateId", g));
      v.reason().ifPresent(r -> out.put("reason", r));
    }
    return out;
  }

  private Response revocationList() {
    RevocationList.Signed list = revocations.current();
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("version", list.version());
    out.set("signedList", CenterApi.envelope(list.document()));
    return Response.json(200, out);
  }

  private Response centerKey() {
    PublishedKey key = centerKeys.publishedKey();
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("keyId", key.keyId());
    out.put("algorithm", key.algorithm());
    out.put("publicKey", Base64.getEncoder().encodeToString(key.x509()));
    return Response.json(200, out);
  }

  private Response register(Request request) throws ApiException {
    request.terminalId();
    JsonFields body = request.body();
    UserProfile profile =
        new UserProfile(
            body.value("userId", UserId::new),
            body.text("name", 120),
            body.text("phone", 32),
            body.text("address", 200));
    Answer<UserOutcome, UserProfile> done =
        users.register(profile, pin(request, body, profile.userId()));
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("userId", done.value().userId().value());
    out.put("name", done.value().name());
    return Response.json(OutcomeStatus.of(done.outcome()), out);
  }

  private Response linkCard(Request request) throws ApiException {
    TerminalId terminal = request.terminalId();
    JsonFields body = request.body();
    UserId userId = userId(request);
    CardProof proof = proof(body);
    CardId cardId = body.value("cardId", CardId::new);
    UserService.PossessionCheck possession = (card, at) -> challenges.refusal(proof, card, at);
    // After a restart mid-purchase the terminal has the sign-in's grant, never the PIN.
    Answer<UserOutcome, CardId> done =
        body.has("signInGrant")
            ? users.linkCardSignedIn(
                terminal, userId, body.text("signInGrant", 64), cardId, possession)
            : users.linkCard(terminal, userId, pin(request, body, userId), cardId, possession);
    CenterCommits.committed(CenterCommits.SALES);
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("userId", userId.value());
    out.put("cardId", done.value().value());
    return Response.json(200, out);
  }

  private Response purchases(Request request) throws ApiException {
    TerminalId terminal = request.terminalId();
    JsonFields body = request.body();
    UserId userId = userId(request);
    Answer<UserOutcome, UserService.Recall> done =
        users.recall(terminal, userId, pin(request, body, userId));
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("userId", userId.value());
    out.putObject("signInGrant")
        .put("grantId", done.value().signIn().grantId())
        .put("expiresAt", done.value().signIn().expiresAt().toString());
    UserProfile profile = done.value().profile();
    out.putObject("profile")
        .put("name", profile.name())
        .put("phone", profile.phone())
        .put("address", profile.address());
    // S2 ¶37, ¶39: whether an operator checked the registration, and the face photo to print.
    out.put("identityChecked", identities.checkOf(userId).isPresent());
    identities
        .photo(userId)
        .ifPresent(png -> out.put("facePhoto", Base64.getEncoder().encodeToString(png)));
    ArrayNode cards = out.putArray("cards");
    for (UserCard c : done.value().cards()) {
      ObjectNode card = cards.addObject().put("cardId", c.cardId().value());
      c.lostAt().ifPresent(at -> card.put("lostAt", at.toString()));
      c.reissuedOnto().ifPresent(onto -> card.put("reissuedOnto", onto.value()));
    }
    passes(out.putArray("passes"), userId, done.value().cards());
    ArrayNode list = out.putArray("purchases");
    for (PurchaseRecord p : done.value().purchases()) {
      ObjectNode o = list.addObject();
      o.put("ticketNumber", p.ticketNumber().value());
      o.put("cardId", p.cardId().value());
      o.put("issuerId", p.issuerId().value());
      o.put("reservationNumber", p.reservationNumber().value());
      o.put("eventId", p.eventId());
      o.put("title", p.title());
      o.put("amountYen", p.amountYen());
      o.put("issuedAt", p.issuedAt().toString());
      o.put("state", p.state());
      o.set("signedTicket", CenterApi.envelope(p.signedTicket()));
    }
    return Response.json(200, out);
  }

  /** The commuter passes on the user's cards with their state, for recall and reissue (S2 ¶36). */
  private void passes(ArrayNode list, UserId userId, List<UserCard> cards) {
    Set<CardId> lost = new HashSet<>();
    cards.stream().filter(c -> c.lostAt().isPresent()).forEach(c -> lost.add(c.cardId()));
    PassReissues passes = lostCards.passes();
    for (CardPass p : passes.passesOf(userId)) {
      ObjectNode o = list.addObject();
      o.put("passNumber", p.passNumber());
      o.put("cardId", p.cardId().value());
      o.put("issuerId", p.issuerId().value());
      o.put("validUntil", p.validUntil().toString());
      o.put("state", passes.state(p, lost.contains(p.cardId())));
      p.replacedBy().ifPresent(by -> o.put("reissuedAs", by));
      o.set("signedPass", CenterApi.envelope(p.signed()));
    }
  }

  private Response lost(Request request) throws ApiException {
    TerminalId terminal = request.terminalId();
    JsonFields body = request.body();
    UserId userId = userId(request);
    Answer<CardOutcome, LostCard> done =
        lostCards.reportLost(
            terminal,
            userId,
            pin(request, body, userId),
            cardId(request, 1),
            body.optionalText("reason", 200));
    CenterCommits.committed(CenterCommits.CARDS);
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("cardId", done.value().cardId().value());
    out.put("status", "LOST");
    out.put("lostAt", done.value().lostAt().toString());
    ArrayNode revoked = out.putArray("revokedTickets");
    done.value().revokedTickets().forEach(t -> revoked.add(t.value()));
    return Response.json(200, out);
  }

  private Response reissue(Request request) throws ApiException {
    TerminalId terminal = request.terminalId();
    JsonFields body = request.body();
    UserId userId = userId(request);
    CardId newCard = body.value("newCardId", CardId::new);
    CardProof proof = proof(body);
    Answer<CardOutcome, CardReissue> done =
        lostCards.reissue(
            terminal,
            userId,
            optionalPin(request, body, userId),
            cardId(request, 1),
            newCard,
            (card, at) -> challenges.refusal(proof, card, at));
    CenterCommits.committed(CenterCommits.CARDS);
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    CardReissue r = done.value();
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("cardId", newCard.value());
    out.put("lostCardId", r.lostCard().value());
    out.put("valueYen", r.valueYen());
    r.valueIssuer().ifPresent(i -> out.put("valueIssuerId", i.value()));
    ArrayNode list = out.putArray("tickets");
    for (ReissuedTicket t : r.tickets()) {
      list.addObject()
          .put("ticketNumber", t.ticketNumber().value())
          .put("replaces", t.replaces().value())
          .set("signedTicket", CenterApi.envelope(t.signed()));
    }
    ArrayNode passes = out.putArray("passes");
    for (ReissuedPass p : r.passes()) {
      passes
          .addObject()
          .put("passNumber", p.passNumber())
          .put("replaces", p.replaces())
          .set("signedPass", CenterApi.envelope(p.signed()));
    }
    return Response.json(200, out);
  }

  private Response pinKey(Request request) throws ApiException {
    TerminalId terminal = request.terminalId();
    Optional<CenterPinKeys.IssuedKey> key = pinKeys.issue(terminal);
    if (key.isEmpty()) {
      throw new ApiException(
          409,
          "NO_PIN_KEY",
          "terminal " + terminal + " has no center secret, so no PIN key can reach its PIN pad",
          null);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("keyUnderMaster", HexFormat.of().withUpperCase().formatHex(key.get().underMaster()));
    out.put("checkValue", key.get().checkValue());
    return Response.json(200, out);
  }

  private Response challenge(Request request) throws ApiException {
    TerminalId terminal = request.terminalId();
    CardChallenge c = challenges.issue(cardId(request, 0), terminal);
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("challengeId", c.challengeId());
    out.put("cardId", c.cardId().value());
    out.put("challenge", Base64.getEncoder().encodeToString(c.challenge()));
    out.put("expiresAt", c.expiresAt().toString());
    return Response.json(201, out);
  }

  private Response registerPrepaid(Request request) throws ApiException {
    JsonFields body = request.body();
    IssuerId issuer = new IssuerId(request.pathParam(0));
    List<CardId> ids = body.distinctValues("cardIds", MAX_CARD_IDS, CardId::new);
    Answer<CardOutcome, Integer> done =
        prepaid.register(issuer, body.value("productId", ProductId::new), ids);
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("registered", done.value());
    out.put("alreadyKnown", ids.size() - done.value());
    return Response.json(200, out);
  }

  private Response prepaidCard(Request request) throws ApiException {
    Optional<PrepaidCard> card =
        CenterApi.id(request.pathParam(0), CardId::new).flatMap(prepaid::find);
    if (card.isEmpty()) {
      return Response.error(
          404, CardOutcome.CARD_UNKNOWN.name(), "no prepaid card " + request.pathParam(0), null);
    }
    refuseInvalidated(card.get().cardId()); // a purse of a lost card is worth nothing
    return Response.json(200, cardBody(card.get()));
  }

  private Response activate(Request request) throws ApiException {
    TerminalId terminal = request.terminalId();
    CardId card = cardId(request, 0);
    refuseInvalidated(card);
    return cardAnswer(prepaid.activate(card, CenterApi.payment(request.body(), terminal, card)));
  }

  private Response recharge(Request request) throws ApiException {
    TerminalId terminal = request.terminalId();
    CardId card = cardId(request, 0);
    refuseInvalidated(card);
    // The purse transaction id the terminal writes the value under: kept as a pending load, so
    // any terminal can write it when the card comes back (RechargeRoutes).
    Optional<String> purseLoad =
        Optional.ofNullable(
            request.body().optionalText("purseTransactionId", RechargeRoutes.MAX_PURSE_ID));
    Answer<CardOutcome, PrepaidCard> done =
        prepaid.recharge(card, CenterApi.payment(request.body(), terminal, card), purseLoad);
    CenterCommits.committed(CenterCommits.CARDS);
    return done.success() ? cardAnswer(done) : Answers.rechargeRefusal(done, prepaid, card);
  }

  private static Response cardAnswer(Answer<CardOutcome, PrepaidCard> done) {
    if (!done.success()) {
      return Answers.refusal(done, OutcomeStatus::of);
    }
    return Response.json(OutcomeStatus.of(done.outcome()), cardBody(done.value()));
  }

  private static ObjectNode cardBody(PrepaidCard c) {
    ObjectNode out = Response.JSON.createObjectNode();
    out.put("cardId", c.cardId().value());
    out.put("productId", c.productId().value());
    out.put("issuerId", c.issuerId().value());
    out.put("status", c.status().name());
    out.put("valueYen", c.valueYen());
    return out;
  }

  /** The prepaid card's issuer is the authority on it (S2 ¶41-42): it must not have voided it. */
  private void refuseInvalidated(CardId card) throws ApiException {
    Optional<PrepaidCard> known = prepaid.find(card);
    if (known.isEmpty()) {
      return;
    }
    Optional<String> refused = standing.refusal(card, known.get().issuerId());
    if (refused.isPresent()) {
      throw new ApiException(410, CardOutcome.CARD_LOST.name(), refused.get(), "cardId");
    }
  }

  /** The card's answer to a challenge: {@code cardProof {challengeId, response (base64)}}. */
  private static CardProof proof(JsonFields body) throws ApiException {
    JsonFields p = body.object("cardProof");
    String id = p.text("challengeId", 64);
    byte[] response;
    try {
      response = Base64.getDecoder().decode(p.text("response", 128));
    } catch (IllegalArgumentException e) {
      throw ApiException.invalid(p.pathOf("response"), "must be base64");
    }
    return new CardProof(id, response);
  }

  private Pin pin(Request request, JsonFields body, UserId user) throws ApiException {
    return pins.pin(request, body, user);
  }

  private Optional<Pin> optionalPin(Request request, JsonFields body, UserId user)
      throws ApiException {
    return pins.optional(request, body, user);
  }

  private static UserId userId(Request request) throws ApiException {
    return CenterApi.id(request.pathParam(0), UserId::new)
        .orElseThrow(() -> ApiException.invalid("userId", "is not a valid user id"));
  }

  private static CardId cardId(Request request, int index) throws ApiException {
    return CenterApi.id(request.pathParam(index), CardId::new)
        .orElseThrow(() -> ApiException.invalid("cardId", "is not a valid card id"));
  }
}
