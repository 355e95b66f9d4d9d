package com.kippu.center.home;

import com.kippu.center.user.UserId;
import java.time.Instant;

/**
 * A home PC's payment the center authorised (S2 ¶49-51), at the card host or the user's bank, under
 * the terminal's reference (one per attempt): what the terminal then shows the issuer as its proof.
 *
 * <p>The center records the payment {@link Status#PENDING} before it asks the host; the host's
 * answer (response code, references, {@code paidAt}) is null until then.
 *
 * @param paidFrom the card paid with, or the account an online-banking payment came from, masked
 * @param startedAt when the center recorded the payment and began to ask the host
 */
public record HomePayment(
    String reference,
    UserId userId,
    String terminalId,
    long amountYen,
    String paidFrom,
    Status status,
    String responseCode,
    String rrn,
    String approvalCode,
    String stan,
    Instant paidAt,
    Method method,
    Instant startedAt) {

  /** Where the payment stands. */
  public enum Status {
    /** Recorded, the host asked (or about to be): its answer not yet recorded. */
    PENDING,
    APPROVED,
    DECLINED,
    REVERSED
  }

  /** Which host the center asked. */
  public enum Method {
    /** A credit card, stored at registration or keyed in, at the card host (S2 ¶49, ¶51). */
    CARD,
    /** A transfer from the user's bank account, ordered at the bank (S2 ¶51). */
    ONLINE_BANKING
  }
}
