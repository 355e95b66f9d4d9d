package com.kippu.simulator.bank;

import com.kippu.iso8583.Field;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.NetworkManagementCode;
import com.kippu.iso8583.ResponseCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISORequestListener;
import org.jpos.iso.ISOSource;

/**
 * The host's application: answers 0800 with 0810, 0200 with 0210 and 0420 or its repeat 0421 with
 * 0430, echoing the request's fields as the spec pages require. Any failure is answered (96) rather
 * than dropped, so the terminal is never left waiting on a request the host did read, unless a
 * fault is injected on purpose ({@link #dropResponses}, {@link #holdResponses}) to test the
 * terminal's recovery: the request is then processed as usual and only its answer is withheld.
 */
final class BankHostListener implements ISORequestListener {
  private static final Logger LOG = Logger.getLogger(BankHostListener.class.getName());

  private static final Set<String> NETWORK_CODES =
      Set.of(
          NetworkManagementCode.SIGN_ON,
          NetworkManagementCode.SIGN_OFF,
          NetworkManagementCode.ECHO_TEST);

  /** Security fields never go back to the terminal in a response. */
  private static final int[] NOT_ECHOED = {Field.PIN_BLOCK, Field.MAC, Field.MAC_SECONDARY};

  private final Ledger ledger;
  private final Map<String, AtomicLong> received = new ConcurrentHashMap<>();
  private final AtomicInteger toDrop = new AtomicInteger();
  private final AtomicInteger toHold = new AtomicInteger();
  private final List<Held> held = new ArrayList<>();

  BankHostListener(Ledger ledger) {
    this.ledger = ledger;
  }

  @Override
  public boolean process(ISOSource source, ISOMsg m) {
    received
        .computeIfAbsent(String.valueOf(m.getString(0)), k -> new AtomicLong())
        .incrementAndGet();
    ISOMsg response;
    try {
      response = answer(m);
    } catch (ISOException | RuntimeException e) {
      LOG.log(Level.WARNING, "request " + describe(m) + " failed", e);
      response = malfunction(m);
    }
    if (response == null) {
      LOG.warning(() -> "not a request, ignored: " + describe(m));
      return true;
    }
    if (take(toDrop)) {
      LOG.info(() -> "fault injected: answer to " + describe(m) + " dropped");
      return true;
    }
    if (take(toHold)) {
      LOG.info(() -> "fault injected: answer to " + describe(m) + " held back");
      synchronized (held) {
        held.add(new Held(source, response));
      }
      return true;
    }
    send(source, response);
    return true;
  }

  /** The answers to the next {@code count} requests are not sent (the requests are processed). */
  void dropResponses(int count) {
    toDrop.addAndGet(requireNonNegative(count));
  }

  /** The answers to the next {@code count} requests are kept until {@link #releaseHeld()}. */
  void holdResponses(int count) {
    toHold.addAndGet(requireNonNegative(count));
  }

  /** Sends the held answers now, late; returns how many were sent. */
  int releaseHeld() {
    List<Held> late;
    synchronized (held) {
      late = new ArrayList<>(held);
      held.clear();
    }
    late.forEach(h -> send(h.source(), h.response()));
    return late.size();
  }

  /** Requests received with MTI {@code mti}, answered or not. */
  long received(String mti) {
    AtomicLong n = received.get(mti);
    return n == null ? 0 : n.get();
  }

  private static void send(ISOSource source, ISOMsg response) {
    try {
      source.send(response);
    } catch (IOException | ISOException e) {
      LOG.log(Level.WARNING, "could not answer " + describe(response), e);
    }
  }

  private static boolean take(AtomicInteger counter) {
    return counter.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
  }

  private static int requireNonNegative(int count) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    return count;
  }

  /** An answer withheld by fault injection, with the connection it is owed on. */
  private record Held(ISOSource source, ISOMsg response) {}

  private ISOMsg answer(ISOMsg m) throws ISOException {
    String mti = m.getMTI();
    switch (mti) {
      case Mti.NETWORK_MANAGEMENT_REQUEST:
        return respond(m, networkManagement(m));
      case Mti.FINANCIAL_REQUEST:
        return transfer(m);
      case Mti.REVERSAL_ADVICE:
      case Mti.REVERSAL_ADVICE_REPEAT:
        // A repeat is handled exactly like the first advice: the ledger reverses at most once.
        return respond(m, reversal(m));
      default:
        return m.isRequest() ? respond(m, ResponseCode.INVALID_TRANSACTION) : null;
    }
  }

  private static ResponseCode networkManagement(ISOMsg m) {
    String code = m.getString(Field.NETWORK_MANAGEMENT_CODE);
    return NETWORK_CODES.contains(code) ? ResponseCode.APPROVED : ResponseCode.FORMAT_ERROR;
  }

  private ISOMsg transfer(ISOMsg m) throws ISOException {
    Transfer t;
    try {
      t = TransferParser.transfer(m);
    } catch (Refusal r) {
      LOG.info(() -> "0200 " + describe(m) + " refused " + r.code().code() + ": " + r.getMessage());
      return respond(m, r.code());
    }
    Posting posting = ledger.apply(t);
    LOG.info(
        () ->
            String.format(
                "0200 %s %s -> %s JPY %d rc=%s",
                t.key(), t.from().masked(), t.to().masked(), t.amountYen(), posting.code().code()));
    ISOMsg response = respond(m, posting.code());
    if (!posting.approvalCode().isEmpty()) {
      response.set(Field.APPROVAL_CODE, posting.approvalCode());
    }
    return response;
  }

  private ResponseCode reversal(ISOMsg m) {
    Transfer original;
    try {
      original = TransferParser.reversedTransfer(m);
    } catch (Refusal r) {
      LOG.info(() -> describe(m) + " refused " + r.code().code() + ": " + r.getMessage());
      return r.code();
    }
    boolean moved = ledger.reverse(original);
    LOG.info(
        () ->
            String.format(
                "%s of %s: %s",
                m.getString(0),
                original.key(),
                moved ? "reversed" : "nothing to reverse (already reversed, declined or unknown)"));
    // Reversal advices are acknowledged even when nothing moved, or the terminal would repeat
    // them forever; the ledger guarantees the repeat has no effect.
    return ResponseCode.APPROVED;
  }

  /** A 96 answer, or null when the request is too broken to answer (e.g. no usable MTI). */
  private static ISOMsg malfunction(ISOMsg request) {
    try {
      return respond(request, ResponseCode.SYSTEM_MALFUNCTION);
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static ISOMsg respond(ISOMsg request, ResponseCode code) {
    try {
      ISOMsg response = (ISOMsg) request.clone();
      response.setResponseMTI();
      response.unset(NOT_ECHOED);
      response.set(Field.RESPONSE_CODE, code.code());
      return response;
    } catch (ISOException e) {
      throw new IllegalStateException("cannot build response to " + describe(request), e);
    }
  }

  /** Identifies a message in logs without the account fields. */
  private static String describe(ISOMsg m) {
    return "mti="
        + m.getString(0)
        + " term="
        + m.getString(Field.TERMINAL_ID)
        + " stan="
        + m.getString(Field.STAN);
  }
}
