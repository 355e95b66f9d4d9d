package com.kippu.center.home;

import com.kippu.center.common.Answer;
import com.kippu.center.user.Pin;
import com.kippu.center.user.PinHash;
import com.kippu.center.user.UserId;
import com.kippu.center.user.UserOutcome;
import com.kippu.center.user.UserService;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The home PC terminal at the center (F13, S2 ¶46-52): a registered user sets a password and the
 * card to pay with (authenticated by the user's PIN at a terminal), logs in from a home PC with
 * user id and password, and pays by the stored card or one keyed in: the center asks the card host
 * ({@link CardAuthorizer}) and records the answer under the terminal's reference, so a repeat gets
 * the same answer and the terminal can show the issuer the approval as its proof; or by online
 * banking (S2 ¶51): the center orders the transfer from the user's account at the bank ({@link
 * BankAuthorizer}), under the same references. The payments are recorded before a host is asked
 * ({@link HomePayments}). Non-cash only, by construction. Sessions last {@link #SESSION} and are
 * kept in the database ({@link HomeSessions}), so any center node answers them.
 */
public final class HomeService {
  public static final Duration SESSION = Duration.ofMinutes(30);

  private final HomeRepository repository;
  private final UserService users;
  private final Passwords passwords;
  private final CardAuthorizer authorizer;
  private final BankAuthorizer banks;
  private final Clock clock;
  private final PinHash decoy;
  private final HomeSessions sessions;
  private final HomePayments payments;

  public HomeService(
      HomeRepository repository,
      UserService users,
      int iterations,
      HomeRails rails,
      SecureRandom random,
      Clock clock) {
    this.repository = repository;
    this.users = users;
    this.passwords = new Passwords(iterations, random);
    this.authorizer = rails.cards();
    this.banks = rails.banks();
    this.sessions = new HomeSessions(repository, random);
    this.payments = new HomePayments(repository, rails, clock);
    this.clock = clock;
    this.decoy = passwords.hash("decoy-password".toCharArray());
  }

  /**
   * A logged-in home PC user, with the stored card unsealed for this session only (number and YYMM
   * expiry).
   */
  public record Session(
      String token,
      UserId userId,
      String maskedCard,
      Instant expiresAt,
      String cardNumber,
      String cardExpiry) {
    @Override
    public String toString() {
      return "Session[" + userId + ", " + maskedCard + "]"; // never the token or the card
    }
  }

  /** Sets the home password and the stored card; the user proves who they are with their PIN. */
  public Answer<HomeOutcome, String> setUp(
      com.kippu.center.reservation.TerminalId terminal,
      UserId userId,
      Pin pin,
      char[] password,
      String cardNumber,
      String expiry) {
    Answer<UserOutcome, UserId> auth = users.authenticate(terminal, userId, pin);
    if (!auth.success()) {
      return refused(auth);
    }
    PinHash hash = passwords.hash(password);
    byte[] salt = passwords.salt();
    byte[] sealed =
        passwords.seal(
            password, salt, (cardNumber + "|" + expiry).getBytes(StandardCharsets.US_ASCII));
    repository.setAccess(
        new HomeAccess(userId, hash, sealed, salt, HomeAccess.masked(cardNumber)), clock.instant());
    return Answer.of(HomeOutcome.OK, HomeAccess.masked(cardNumber));
  }

  /**
   * User id and password from {@code terminal}; unknown users and wrong passwords get the same
   * answer after the same work. A wrong password counts towards the same lockout of the user and
   * throttle of the terminal as a wrong PIN (password spraying across user ids is stopped there).
   */
  public Answer<HomeOutcome, Session> login(
      com.kippu.center.reservation.TerminalId terminal, UserId userId, char[] password) {
    Optional<HomeAccess> access = repository.access(userId);
    Answer<UserOutcome, UserId> auth =
        users.attempt(
            terminal,
            userId,
            "password",
            () ->
                passwords.matches(password, access.map(HomeAccess::password).orElse(decoy))
                    && access.isPresent());
    if (!auth.success()) {
      return refused(auth);
    }
    String[] card;
    try {
      card =
          new String(
                  passwords.unseal(
                      password,
                      access.get().cardSalt(),
                      access.get().password().iterations(),
                      access.get().cardSealed()),
                  StandardCharsets.US_ASCII)
              .split("\\|");
    } catch (GeneralSecurityException e) {
      return Answer.refused(HomeOutcome.NO_STORED_CARD, "the stored card cannot be opened", null);
    }
    Session s =
        sessions.open(
            userId, access.get().maskedCard(), clock.instant().plus(SESSION), card[0], card[1]);
    return Answer.of(HomeOutcome.OK, s);
  }

  /** A user's failed sign-in as the home PC's outcome: locked, throttled, or simply wrong. */
  private static <T> Answer<HomeOutcome, T> refused(Answer<UserOutcome, UserId> auth) {
    return Answer.refused(
        switch (auth.outcome()) {
          case USER_LOCKED -> HomeOutcome.USER_LOCKED;
          case TERMINAL_THROTTLED -> HomeOutcome.TERMINAL_THROTTLED;
          default -> HomeOutcome.AUTH_FAILED;
        },
        auth.message(),
        auth.field());
  }

  /**
   * Records the card in the home PC's reader under the logged-in user (S2 ¶37, ¶40), so a later
   * loss report finds it: the card proves it is in the reader, and a card of another user stays
   * theirs.
   */
  public Answer<HomeOutcome, com.kippu.center.reservation.CardId> linkCard(
      Session session,
      com.kippu.center.reservation.TerminalId terminal,
      com.kippu.center.reservation.CardId card,
      UserService.PossessionCheck possession) {
    Optional<String> absent = possession.refusal(card, terminal);
    if (absent.isPresent()) {
      return Answer.refused(HomeOutcome.CARD_NOT_PRESENT, absent.get(), "cardProof");
    }
    if (!users.attachCard(session.userId(), card).equals(session.userId())) {
      return Answer.refused(
          HomeOutcome.CARD_OF_ANOTHER_USER,
          "card " + card + " is registered to another user",
          "cardId");
    }
    return Answer.of(HomeOutcome.OK, card);
  }

  /** The session of {@code token}, while it lasts. */
  public Optional<Session> session(String token) {
    return sessions.find(token, clock.instant());
  }

  /**
   * Charges the stored card (or {@code keyed}, a card number and expiry the user typed, S2 ¶51)
   * with {@code amountYen} at the card host, once per reference: a repeat answers the recorded
   * payment.
   */
  public Answer<HomeOutcome, HomePayment> pay(
      Session session,
      String terminalId,
      String reference,
      long amountYen,
      Optional<String[]> keyed) {
    String number = keyed.map(k -> k[0]).orElse(session.cardNumber());
    String expiry = keyed.map(k -> k[1]).orElse(session.cardExpiry());
    return payments.pay(
        intent(
            session,
            terminalId,
            reference,
            amountYen,
            HomeAccess.masked(number),
            HomePayment.Method.CARD),
        () -> authorizer.authorize(reference, number, expiry, amountYen));
  }

  /**
   * Orders {@code order} at the user's bank for {@code amountYen} (online banking, S2 ¶51), once
   * per reference like a card payment: a repeat answers the recorded payment and asks the bank
   * nothing. The PIN is wiped once the bank was asked.
   */
  public Answer<HomeOutcome, HomePayment> payByBank(
      Session session, String terminalId, String reference, long amountYen, BankOrder order) {
    try {
      return payments.pay(
          intent(
              session,
              terminalId,
              reference,
              amountYen,
              BankOrder.masked(order.fromAccount()),
              HomePayment.Method.ONLINE_BANKING),
          () ->
              banks.transfer(
                  reference, order.fromAccount(), order.pin(), order.toAccount(), amountYen));
    } finally {
      order.wipe();
    }
  }

  /** The payment as the center records it before it asks the host. */
  private HomePayment intent(
      Session session,
      String terminalId,
      String reference,
      long amountYen,
      String paidFrom,
      HomePayment.Method method) {
    return new HomePayment(
        reference,
        session.userId(),
        terminalId,
        amountYen,
        paidFrom,
        HomePayment.Status.PENDING,
        null,
        null,
        null,
        null,
        null,
        method,
        clock.instant());
  }

  /** What was recorded under {@code reference} for this terminal. */
  public Answer<HomeOutcome, HomePayment> payment(String terminalId, String reference) {
    return payments.payment(terminalId, reference);
  }

  /** Takes the payment back where it was asked (the terminal's compensation). */
  public Answer<HomeOutcome, HomePayment> reverse(String terminalId, String reference) {
    return payments.reverse(terminalId, reference);
  }
}
