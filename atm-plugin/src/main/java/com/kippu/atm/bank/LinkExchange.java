package com.kippu.atm.bank;

import com.kippu.iso8583.Field;
import com.kippu.iso8583.Link;
import com.kippu.iso8583.Mti;
import com.kippu.iso8583.ResponseCode;
import com.kippu.iso8583.security.MessageMac;
import com.kippu.iso8583.spec.MessageValidator;
import com.kippu.iso8583.spec.SpecViolationException;
import com.kippu.iso8583.spec.Specs;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import java.util.logging.Logger;
import org.jpos.iso.ISOException;
import org.jpos.iso.ISOMsg;
import org.jpos.iso.ISOPackager;
import org.jpos.iso.ISOResponseListener;

/**
 * The request and answer checks of one link: a request is MACed and checked against its spec page
 * before it leaves, and an answer counts only when its MAC verifies, it conforms to its spec page,
 * it echoes the request's processing code, amount, STAN, terminal and accounts, and it is not a
 * security refusal (63); anything else is treated as no answer (outcome unknown, reversal kept).
 */
final class LinkExchange {
  private static final Logger LOG = Logger.getLogger(LinkExchange.class.getName());

  /**
   * Fields an answer must echo unchanged: with them an answer can only settle the request it was
   * made for, not another one that happened to share its STAN and terminal.
   */
  static final int[] ECHOED = {
    Field.PROCESSING_CODE,
    Field.AMOUNT,
    Field.STAN,
    Field.TERMINAL_ID,
    Field.FROM_ACCOUNT,
    Field.TO_ACCOUNT
  };

  /** How long past the request timeout a caller waits for a mux that was stopped meanwhile. */
  static final long STOPPED_MUX_MARGIN_MILLIS = 1_000;

  private final LinkSetup setup;
  private final LinkMux mux;
  private final ISOPackager packager;
  private final MessageValidator validator;
  private final Duration requestTimeout;
  private final AtomicLong unmatchedResponses = new AtomicLong();

  LinkExchange(LinkSetup setup, LinkMux mux, ISOPackager packager, Duration requestTimeout) {
    this.setup = setup;
    this.mux = mux;
    // The channel's own packager: a message MACed with it is sent as the image the MAC covers.
    this.packager = packager;
    this.validator = new MessageValidator(setup.link());
    this.requestTimeout = requestTimeout;
  }

  Link link() {
    return setup.link();
  }

  Duration requestTimeout() {
    return requestTimeout;
  }

  boolean isConnected() {
    return mux.isConnected();
  }

  /** Counts an answer that no request waited for any more. */
  void countUnmatched() {
    unmatchedResponses.incrementAndGet();
  }

  /** Answers that matched no request in flight, e.g. a 0210 that came after its timeout. */
  long unmatchedResponses() {
    return unmatchedResponses.get();
  }

  /** Hands a prepared request to the mux; {@code listener} gets its answer or its expiry. */
  void send(ISOMsg request, ISOResponseListener listener) throws ISOException {
    mux.request(request, requestTimeout.toMillis(), listener, null);
  }

  /**
   * MACs {@code m} and checks it against its spec page, so a malformed request never leaves the
   * terminal.
   */
  ISOMsg prepare(ISOMsg m) throws ISOException, SpecViolationException {
    MessageMac.signAndPack(m, packager, macFunction(m));
    validator.validate(m);
    return m;
  }

  /**
   * Sends {@code request} and returns its answer, or null when none arrives in time or the one that
   * arrives has a bad MAC or breaks its spec page: either way the outcome is unknown.
   */
  ISOMsg exchange(ISOMsg request) throws ISOException {
    return usable(request, awaitAnswer(request));
  }

  /**
   * {@code response} when its MAC verifies and it conforms to the spec page of {@code request}'s
   * answer; null (logged) otherwise, and when there is none.
   */
  ISOMsg usable(ISOMsg request, ISOMsg response) {
    if (response == null) {
      return null;
    }
    var spec = Specs.find(setup.link(), request).orElseThrow();
    if (!MessageMac.verify(response, packager, macFunction(response))) {
      LOG.warning(
          () ->
              String.format(
                  "%s stan %s: answer's MAC does not verify, treated as no answer",
                  request.getString(0), request.getString(Field.STAN)));
      return null;
    }
    try {
      validator.validate(spec.spec(), spec.spec().response(), response);
    } catch (SpecViolationException e) {
      LOG.warning(
          () ->
              String.format(
                  "%s stan %s: answer breaks its spec, treated as no answer: %s",
                  request.getString(0), request.getString(Field.STAN), e.getMessage()));
      return null;
    }
    int differs = firstEchoDifference(request, response);
    if (differs != 0) {
      LOG.warning(
          () ->
              String.format(
                  "%s stan %s: answer does not echo field %d of the request, treated as no answer",
                  request.getString(0), request.getString(Field.STAN), differs));
      return null;
    }
    if (ResponseCode.SECURITY_VIOLATION.code().equals(response.getString(Field.RESPONSE_CODE))) {
      // The host could not authenticate what it received: ours altered on the way, or a copy made
      // by someone who may also have relayed the original. Only a reversal settles that.
      LOG.warning(
          () ->
              String.format(
                  "%s stan %s: host refused the request's MAC (63), treated as no answer",
                  request.getString(0), request.getString(Field.STAN)));
      return null;
    }
    return response;
  }

  /** The first of {@link #ECHOED} whose value in {@code response} is not the request's; else 0. */
  static int firstEchoDifference(ISOMsg request, ISOMsg response) {
    for (int field : ECHOED) {
      if (!Objects.equals(request.getString(field), response.getString(field))) {
        return field;
      }
    }
    return 0;
  }

  /**
   * Sends {@code request} through the mux and waits for the message matching it (41, 11), or null
   * after the request timeout. The mux hands the answer to this caller alone: a blocking QMUX
   * request waits on the mux's space, which wakes every waiting caller at each answer.
   */
  private ISOMsg awaitAnswer(ISOMsg request) throws ISOException {
    long timeout = requestTimeout.toMillis();
    CompletableFuture<ISOMsg> answer = new CompletableFuture<>();
    mux.request(
        request,
        timeout,
        new ISOResponseListener() {
          @Override
          public void responseReceived(ISOMsg response, Object handBack) {
            answer.complete(response);
          }

          @Override
          public void expired(Object handBack) {
            answer.complete(null);
          }
        },
        null);
    try {
      // The mux's timer completes it at the timeout; the margin only guards a mux stopped
      // meanwhile.
      return answer.get(timeout + STOPPED_MUX_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    } catch (ExecutionException | TimeoutException e) {
      return null;
    }
  }

  private UnaryOperator<byte[]> macFunction(ISOMsg m) {
    String mti = m.getString(0);
    boolean keyExchange =
        Mti.NETWORK_MANAGEMENT_REQUEST.equals(mti) || Mti.NETWORK_MANAGEMENT_RESPONSE.equals(mti);
    return keyExchange ? setup.security().keyExchangeMacFunction() : setup.security().macFunction();
  }
}
