package com.kippu.center.home;

import com.kippu.center.reservation.PaymentUse;
import com.kippu.center.user.UserId;
import java.time.Instant;
import java.util.Optional;

/** Port to home PC access and the card payments the center authorised for home PCs. */
public interface HomeRepository {
  /** Sets (or replaces) the user's home password and sealed stored card. */
  void setAccess(HomeAccess access, Instant at);

  Optional<HomeAccess> access(UserId userId);

  /**
   * Records {@code pending} (status {@link HomePayment.Status#PENDING}) in its own committed
   * transaction unless its reference is known; true when this call recorded it.
   */
  boolean begin(HomePayment pending);

  /**
   * Records the host's {@code answer} and moves a pending payment to {@code status}, in one
   * conditional write: only while it is pending and, when {@code claimed} is false, no reversal
   * claimed it; when true, only once a reversal did. True when the payment moved.
   */
  boolean settle(
      String reference,
      HomePayment.Status status,
      CardAuthorizer.Authorization answer,
      boolean claimed);

  Optional<HomePayment> payment(String reference);

  /** Whether several centers may share this store (and ask hosts under its payments). */
  boolean sharedByNodes();

  /** Marks a pending or approved payment as taken back; a declined one stays declined. */
  void markReversed(String reference);

  /**
   * Marks the payment as being taken back ({@link PaymentUse#CENTER_REVERSAL}) unless a sale used
   * it, in one conditional write, so a sale and its reversal never both win; returns what the
   * payment now pays for: the reversal, or the sale that used it.
   */
  String holdForReversal(String reference);

  /**
   * Stores a logged-in session (by its token's hash, the card sealed under the token); sessions
   * that ended before {@code expiresAt} minus their length are purged on the way.
   */
  void saveSession(HomeSessions.Stored session, Instant expiresAt);

  /** The session stored under {@code tokenHash}, expired or not. */
  Optional<HomeSessions.Stored> session(byte[] tokenHash);
}
