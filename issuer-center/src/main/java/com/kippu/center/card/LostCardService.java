package com.kippu.center.card;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.kippu.center.CenterCommits;
import com.kippu.center.catalog.CatalogRepository;
import com.kippu.center.catalog.IssuerId;
import com.kippu.center.common.Answer;
import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.NumberGenerator;
import com.kippu.center.reservation.TerminalId;
import com.kippu.center.signing.SigningKey;
import com.kippu.center.user.Pin;
import com.kippu.center.user.UserId;
import com.kippu.center.user.UserOutcome;
import com.kippu.center.user.UserService;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Lost or stolen cards (F9, S2 ¶37-40). The registered user authenticates with user id and PIN; the
 * card is invalidated at the center and its issuers are notified through the outbox; gates then
 * refuse it (verification and revocation list). Reissue writes the same content onto a new card:
 * new tickets, signed by their issuers and bound to the new card id, each replacing one unused
 * ticket of the lost card (whose tickets stay revoked). Both are idempotent. The new card must
 * prove it is in the terminal (a challenge it answers with its own key), as linking a card does:
 * otherwise tickets could be moved onto, and the card then linked to, a card id read off a receipt.
 */
public final class LostCardService {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UserService users;
  private final CardRepository cards;
  private final CatalogRepository catalog;
  private final NumberGenerator numbers;
  private final PassReissues passes;
  private final Clock clock;

  public LostCardService(
      UserService users,
      CardRepository cards,
      CatalogRepository catalog,
      NumberGenerator numbers,
      PassReissues passes,
      Clock clock) {
    this.users = users;
    this.cards = cards;
    this.catalog = catalog;
    this.numbers = numbers;
    this.passes = passes;
    this.clock = clock;
  }

  /** The commuter passes on users' cards (recall) and in reissues. */
  public PassReissues passes() {
    return passes;
  }

  public Answer<CardOutcome, LostCard> reportLost(
      TerminalId terminal, UserId userId, Pin pin, CardId cardId, String reason) {
    Optional<Answer<CardOutcome, LostCard>> refused = ownedBy(terminal, userId, pin, cardId);
    if (refused.isPresent()) {
      return refused.get();
    }
    String why = reason == null || reason.isBlank() ? "card reported lost" : reason;
    return Answer.of(CardOutcome.OK, cards.markLost(cardId, userId, why, now()));
  }

  /**
   * Reissues the lost card's unused tickets, valid passes and prepaid value onto {@code newCard},
   * which must be in the terminal ({@code possession}). With the user's PIN the first time; a
   * repeat onto the same new card (a terminal that lost the answer, or restarted during the reissue
   * and cannot ask for the PIN again, which it never keeps) may leave the PIN out: the card's
   * answer shows the terminal holds the very card the user had the tickets reissued onto.
   */
  public Answer<CardOutcome, CardReissue> reissue(
      TerminalId terminal,
      UserId userId,
      Optional<Pin> pin,
      CardId lost,
      CardId newCard,
      UserService.PossessionCheck possession) {
    Optional<Answer<CardOutcome, CardReissue>> refused =
        pin.isPresent()
            ? ownedBy(terminal, userId, pin.get(), lost)
            : repeatOnto(userId, lost, newCard);
    if (refused.isPresent()) {
      return refused.get();
    }
    if (cards.lostAt(lost).isEmpty()) {
      return Answer.refused(
          CardOutcome.CARD_NOT_LOST, "card " + lost + " has not been reported lost", "cardId");
    }
    Optional<UserId> newOwner = users.owner(newCard);
    if (newCard.equals(lost)
        || cards.lostAt(newCard).isPresent()
        || (newOwner.isPresent() && !newOwner.get().equals(userId))) {
      return Answer.refused(
          CardOutcome.NEW_CARD_UNUSABLE,
          "card " + newCard + " is lost, the same card or another user's",
          "newCardId");
    }
    Optional<CardId> earlier = cards.reissuedOnto(lost);
    if (earlier.isPresent() && !earlier.get().equals(newCard)) {
      return otherCard(lost);
    }
    Optional<String> absent = possession.refusal(newCard, terminal);
    if (absent.isPresent()) {
      return Answer.refused(CardOutcome.CARD_NOT_PRESENT, absent.get(), "cardProof");
    }
    Instant now = now();
    Optional<CardReissue> done =
        cards.reissue(lost, newCard, userId, replacements(lost, newCard, now), now);
    if (done.isEmpty()) {
      return Answer.refused(
          CardOutcome.NEW_CARD_UNUSABLE,
          "card " + newCard + " already holds another lost card's contents",
          "newCardId");
    }
    if (!done.get().newCard().equals(newCard)) {
      return otherCard(lost);
    }
    users.attachCard(userId, newCard);
    // The passes in their own transaction, after the reissue names the new card: a crash between
    // the two is finished by the terminal's repeat onto the same card, which reaches this again.
    CenterCommits.committed(CenterCommits.CARDS);
    return Answer.of(
        CardOutcome.REISSUED, done.get().withPasses(passes.reissue(lost, newCard, now)));
  }

  /**
   * A new ticket, signed by its issuer for {@code newCard}, for each unused one on {@code lost}.
   */
  private List<ReissuedTicket> replacements(CardId lost, CardId newCard, Instant now) {
    Map<IssuerId, SigningKey> keys = new HashMap<>();
    List<ReissuedTicket> fresh = new ArrayList<>();
    for (CardTicket t : cards.ticketsOn(lost)) {
      if (t.used() || t.replacedBy().isPresent()) {
        continue;
      }
      SigningKey key =
          keys.computeIfAbsent(
              t.issuerId(),
              id ->
                  catalog
                      .signingKey(id)
                      .orElseThrow(
                          () -> new IllegalStateException("issuer " + id + " has no key")));
      var number = numbers.ticketNumber();
      fresh.add(
          new ReissuedTicket(
              number,
              t.ticketNumber(),
              t.reservationNumber(),
              t.issuerId(),
              newCard,
              now,
              key.sign(reissuedPayload(t.payload(), number.value(), newCard, now, t))));
    }
    return fresh;
  }

  /** Without a PIN: only a repeat of the user's reissue onto this very card. */
  private <T> Optional<Answer<CardOutcome, T>> repeatOnto(
      UserId userId, CardId lost, CardId newCard) {
    boolean repeat =
        users.owner(lost).map(userId::equals).orElse(false)
            && cards.reissuedOnto(lost).map(newCard::equals).orElse(false);
    return repeat
        ? Optional.empty()
        : Optional.of(
            Answer.refused(
                CardOutcome.AUTH_FAILED,
                "user id and PIN are needed to reissue card " + lost,
                "pinBlock"));
  }

  private static <T> Answer<CardOutcome, T> otherCard(CardId lost) {
    return Answer.refused(
        CardOutcome.REISSUED_TO_OTHER_CARD,
        "the tickets of card " + lost + " were already reissued onto another card",
        "newCardId");
  }

  /** The original ticket info with the new number, card and time, naming the ticket it replaces. */
  private static byte[] reissuedPayload(
      byte[] original, String number, CardId card, Instant at, CardTicket replaced) {
    try {
      ObjectNode p = (ObjectNode) JSON.readTree(original);
      p.put("ticketNumber", number);
      p.put("cardId", card.value());
      p.put("issuedAt", at.toString());
      p.put("reissueOf", replaced.ticketNumber().value());
      return JSON.writeValueAsBytes(p);
    } catch (IOException | ClassCastException e) {
      throw new IllegalStateException("stored ticket info is not a JSON object", e);
    }
  }

  private <T> Optional<Answer<CardOutcome, T>> ownedBy(
      TerminalId terminal, UserId userId, Pin pin, CardId cardId) {
    Answer<UserOutcome, UserId> auth = users.authenticate(terminal, userId, pin);
    if (!auth.success()) {
      CardOutcome o =
          switch (auth.outcome()) {
            case USER_LOCKED -> CardOutcome.USER_LOCKED;
            case TERMINAL_THROTTLED -> CardOutcome.TERMINAL_THROTTLED;
            default -> CardOutcome.AUTH_FAILED;
          };
      return Optional.of(Answer.refused(o, auth.message(), auth.field()));
    }
    if (!users.owner(cardId).map(userId::equals).orElse(false)) {
      return Optional.of(
          Answer.refused(
              CardOutcome.CARD_NOT_LINKED,
              "card " + cardId + " is not registered to user " + userId,
              "cardId"));
    }
    return Optional.empty();
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
