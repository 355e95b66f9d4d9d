package com.kippu.simulator.bank;

import com.kippu.atm.payment.CardNumber;
import com.kippu.iso8583.Field;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.ResponseCode;
import java.time.Clock;
import java.time.YearMonth;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;

/**
 * The bank host's application behind {@link LinkHost}'s checks: 0200 transfers with the PIN of a
 * cash card and deposits, 0100 debits with PIN, 0420/0421 reversals of any of them, all through the
 * {@link Ledger}; PIN blocks are checked under the terminal's TPK by {@link HostSecurity}. With the
 * issuer-unavailable switch on, financial requests are answered 91 and nothing moves; reversals are
 * still applied (they are owed whatever the issuer's state). The transfer-decline switch answers
 * account transfers with a chosen code before the ledger sees them; the debit-decline switch does
 * the same for debit card payments.
 */
final class BankHostHandler implements LinkHost.AsyncHandler {
  private static final Logger LOG = Logger.getLogger(BankHostHandler.class.getName());

  private final Ledger ledger;
  private final HostSecurity security;
  private final Clock clock;
  private final AtomicBoolean issuerUnavailable = new AtomicBoolean();
  private final AtomicReference<ResponseCode> transferDecline = new AtomicReference<>();
  private final AtomicReference<ResponseCode> debitDecline = new AtomicReference<>();

  BankHostHandler(Ledger ledger, HostSecurity security, Clock clock) {
    this.ledger = ledger;
    this.security = security;
    this.clock = clock;
  }

  void issuerUnavailable(boolean down) {
    issuerUnavailable.set(down);
  }

  /** Account transfers are answered {@code code} (null: as the ledger decides). */
  void declineTransfers(ResponseCode code) {
    transferDecline.set(code);
  }

  /** Debit card payments are answered {@code code} (null: as the ledger decides). */
  void declineDebits(ResponseCode code) {
    debitDecline.set(code);
  }

  /** Completes on the ledger's writer thread once the movement is committed. */
  @Override
  public CompletionStage<ISOMsg> answerAsync(ISOMsg m) throws ISOException {
    switch (m.getMTI()) {
      case Mti.FINANCIAL_REQUEST:
        return financial(m);
      case Mti.AUTHORIZATION_REQUEST:
        return debit(m);
      case Mti.REVERSAL_ADVICE:
      case Mti.REVERSAL_ADVICE_REPEAT:
        // A repeat is handled exactly like the first advice: the ledger reverses at most once.
        return reversal(m).thenApply(code -> LinkHost.respond(m, code));
      default:
        return answered(LinkHost.respond(m, ResponseCode.INVALID_TRANSACTION));
    }
  }

  private static CompletionStage<ISOMsg> answered(ISOMsg response) {
    return CompletableFuture.completedFuture(response);
  }

  private CompletionStage<ISOMsg> financial(ISOMsg m) {
    Transfer t;
    CardNumber card;
    try {
      t = TransferParser.financial(m);
      card = t.kind() == Transfer.Kind.TRANSFER ? TransferParser.card(m) : null;
    } catch (Refusal r) {
      LOG.info(
          () ->
              "0200 "
                  + LinkHost.describe(m)
                  + " refused "
                  + r.code().code()
                  + ": "
                  + r.getMessage());
      return answered(LinkHost.respond(m, r.code()));
    }
    if (issuerUnavailable.get()) {
      return answered(LinkHost.respond(m, ResponseCode.ISSUER_UNAVAILABLE));
    }
    ResponseCode declined = transferDecline.get();
    if (card != null && declined != null) {
      return answered(LinkHost.respond(m, declined));
    }
    CompletableFuture<Posting> posted;
    if (card == null) {
      posted = ledger.depositAsync(t);
    } else {
      byte[] block = m.getBytes(Field.PIN_BLOCK);
      String terminal = m.getString(Field.TERMINAL_ID);
      posted =
          ledger.transferAsync(
              t, card, (salt, pvv) -> security.verifyPin(terminal, block, card.value(), salt, pvv));
    }
    return posted.thenApply(
        posting -> {
          LOG.fine(
              () ->
                  String.format(
                      "0200 %s %s %s -> %s JPY %d rc=%s",
                      t.kind(),
                      t.key(),
                      t.from() == null ? "cash" : t.from().masked(),
                      t.to().masked(),
                      t.amountYen(),
                      posting.code().code()));
          return answered(m, posting);
        });
  }

  private CompletionStage<ISOMsg> debit(ISOMsg m) {
    Transfer t;
    CardNumber card;
    try {
      t = TransferParser.debit(m);
      card = TransferParser.card(m);
    } catch (Refusal r) {
      LOG.info(
          () ->
              "0100 "
                  + LinkHost.describe(m)
                  + " refused "
                  + r.code().code()
                  + ": "
                  + r.getMessage());
      return answered(LinkHost.respond(m, r.code()));
    }
    if (issuerUnavailable.get()) {
      return answered(LinkHost.respond(m, ResponseCode.ISSUER_UNAVAILABLE));
    }
    ResponseCode declined = debitDecline.get();
    if (declined != null) {
      return answered(LinkHost.respond(m, declined));
    }
    byte[] block = m.getBytes(Field.PIN_BLOCK);
    String terminal = m.getString(Field.TERMINAL_ID);
    return ledger
        .debitAsync(
            t,
            card,
            m.getString(Field.EXPIRATION_DATE),
            YearMonth.now(clock),
            (salt, pvv) -> security.verifyPin(terminal, block, card.value(), salt, pvv))
        .thenApply(
            posting -> {
              LOG.info(
                  () ->
                      String.format(
                          "0100 %s %s -> %s JPY %d rc=%s",
                          t.key(),
                          card.masked(),
                          t.to().masked(),
                          t.amountYen(),
                          posting.code().code()));
              return answered(m, posting);
            });
  }

  private static ISOMsg answered(ISOMsg m, Posting posting) {
    ISOMsg response = LinkHost.respond(m, posting.code());
    if (!posting.approvalCode().isEmpty()) {
      response.set(Field.APPROVAL_CODE, posting.approvalCode());
    }
    return response;
  }

  private CompletionStage<ResponseCode> reversal(ISOMsg m) {
    Transfer original;
    try {
      original = TransferParser.reversedTransfer(m);
    } catch (Refusal r) {
      LOG.info(() -> LinkHost.describe(m) + " refused " + r.code().code() + ": " + r.getMessage());
      return CompletableFuture.completedFuture(r.code());
    }
    return ledger
        .reverseAsync(original)
        .thenApply(
            moved -> {
              LOG.info(
                  () ->
                      String.format(
                          "%s of %s: %s",
                          m.getString(0),
                          original.key(),
                          moved
                              ? "reversed"
                              : "nothing to reverse (already reversed, declined or unknown)"));
              // Reversal advices are acknowledged even when nothing moved, or the terminal would
              // repeat them forever; the ledger guarantees the repeat has no effect.
              return ResponseCode.APPROVED;
            });
  }
}
