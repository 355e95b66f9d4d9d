package com.kippu.atm.bank;

import com.kippu.iso8583.LinkTls;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the bank host is and who this terminal is on the link.
 *
 * @param terminalId card acceptor terminal id, ISO 8583 field 41 (exactly 8 characters)
 * @param cardAcceptorId card acceptor id code, field 42 (1-15 characters, space padded)
 * @param acquirerId acquiring institution id code, field 32 (1-11 digits)
 * @param reconnectDelay pause between connection attempts while the host is unreachable
 * @param reversalRetryInterval pause between rounds of repeating unconfirmed reversals (0421)
 * @param tls TLS on the link, the host name checked against the host's certificate; empty for plain
 *     TCP (a private network, with every message MACed either way)
 */
public record BankLinkConfig(
    String host,
    int port,
    Duration requestTimeout,
    Duration connectTimeout,
    String terminalId,
    String cardAcceptorId,
    String acquirerId,
    Duration reconnectDelay,
    Duration reversalRetryInterval,
    Optional<LinkTls> tls) {

  private static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofSeconds(1);
  private static final Duration DEFAULT_REVERSAL_RETRY_INTERVAL = Duration.ofSeconds(10);

  public BankLinkConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(terminalId, "terminalId");
    Objects.requireNonNull(cardAcceptorId, "cardAcceptorId");
    Objects.requireNonNull(acquirerId, "acquirerId");
    Objects.requireNonNull(reconnectDelay, "reconnectDelay");
    Objects.requireNonNull(reversalRetryInterval, "reversalRetryInterval");
    Objects.requireNonNull(tls, "tls");
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port must be 1..65535: " + port);
    }
    requirePositive(requestTimeout, "requestTimeout");
    requirePositive(connectTimeout, "connectTimeout");
    requirePositive(reconnectDelay, "reconnectDelay");
    requirePositive(reversalRetryInterval, "reversalRetryInterval");
    if (terminalId.length() != 8) {
      throw new IllegalArgumentException("terminal id (field 41) must be 8 characters");
    }
    if (cardAcceptorId.isEmpty() || cardAcceptorId.length() > 15) {
      throw new IllegalArgumentException("card acceptor id (field 42) must be 1-15 characters");
    }
    if (!acquirerId.matches("\\d{1,11}")) {
      throw new IllegalArgumentException("acquirer id (field 32) must be 1-11 digits");
    }
  }

  /** A plain TCP link that repeats unconfirmed reversals every 10 seconds. */
  public BankLinkConfig(
      String host,
      int port,
      Duration requestTimeout,
      Duration connectTimeout,
      String terminalId,
      String cardAcceptorId,
      String acquirerId,
      Duration reconnectDelay) {
    this(
        host,
        port,
        requestTimeout,
        connectTimeout,
        terminalId,
        cardAcceptorId,
        acquirerId,
        reconnectDelay,
        DEFAULT_REVERSAL_RETRY_INTERVAL,
        Optional.empty());
  }

  /**
   * A configuration that retries the connection every second and repeats unconfirmed reversals
   * every 10 seconds.
   */
  public BankLinkConfig(
      String host,
      int port,
      Duration requestTimeout,
      Duration connectTimeout,
      String terminalId,
      String cardAcceptorId,
      String acquirerId) {
    this(
        host,
        port,
        requestTimeout,
        connectTimeout,
        terminalId,
        cardAcceptorId,
        acquirerId,
        DEFAULT_RECONNECT_DELAY);
  }

  /** This configuration, repeating unconfirmed reversals every {@code interval} instead. */
  public BankLinkConfig withReversalRetryInterval(Duration interval) {
    return new BankLinkConfig(
        host,
        port,
        requestTimeout,
        connectTimeout,
        terminalId,
        cardAcceptorId,
        acquirerId,
        reconnectDelay,
        interval,
        tls);
  }

  /** This configuration over TLS. */
  public BankLinkConfig withTls(LinkTls linkTls) {
    return new BankLinkConfig(
        host,
        port,
        requestTimeout,
        connectTimeout,
        terminalId,
        cardAcceptorId,
        acquirerId,
        reconnectDelay,
        reversalRetryInterval,
        Optional.of(linkTls));
  }

  private static void requirePositive(Duration d, String name) {
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + d);
    }
  }
}
