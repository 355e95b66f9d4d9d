package com.kippu.center.user;

import com.kippu.center.reservation.CardId;
import com.kippu.center.reservation.TerminalId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/** Port to registered users, their cards and their purchases. */
public interface UserRepository {

  /** False when the user id is taken. */
  boolean create(UserProfile profile, PinHash pin, Instant at);

  Optional<UserProfile> profile(UserId userId);

  Optional<PinHash> pinHash(UserId userId);

  /**
   * Applies {@code change} to the user's login state in one transaction (row locked), returning the
   * state before it; empty when the user is unknown.
   */
  Optional<LoginState> updateLogin(UserId userId, UnaryOperator<LoginState> change);

  /**
   * Applies {@code change} to the terminal's wrong-PIN throttle in one transaction (row locked),
   * returning the state before it ({@link TerminalThrottle#CLEAN} for a terminal never throttled).
   */
  TerminalThrottle updateThrottle(TerminalId terminal, UnaryOperator<TerminalThrottle> change);

  /** Links the card to the user unless it is linked already; returns the card's owner. */
  UserId linkCard(UserId userId, CardId cardId, Instant at);

  /** The owner of a card, if registered. */
  Optional<UserId> owner(CardId cardId);

  /** The cards linked to the user, oldest first, with their loss and reissue. */
  List<UserCard> cards(UserId userId);

  /** Tickets on the user's cards, originals and reissues, newest first. */
  List<PurchaseRecord> purchases(UserId userId);
}
