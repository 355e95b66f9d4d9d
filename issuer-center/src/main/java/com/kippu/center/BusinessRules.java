package com.kippu.center;

import java.time.Duration;

/**
 * Rules of the business around the sale. Keys: {@code center.admin.token} (bearer token of the
 * operator routes, or {@code name:token,...} for several operators; empty, the default, switches
 * them off), {@code center.reservation.pay-within.hours} (payment deadline of a pay-later
 * reservation, default 72), {@code center.user.pin-iterations} (PBKDF2 iterations for new PIN
 * hashes, default 600000), {@code center.user.max-pin-failures} (default 5), {@code
 * center.user.lockout.minutes} (default 30), {@code center.outbox.seconds} (delivery interval of
 * sales records and notices to issuers; 0 = off, default 10), {@code center.settlement.zone} (time
 * zone of settlement periods, default Asia/Tokyo), {@code center.issuer.sales-hosts}
 * (comma-separated hosts an issuer's https sales endpoint may be on; none by default), the recharge
 * limits of {@link com.kippu.center.card.RechargeLimits}, and the user and card keys of {@link
 * UserSecurity}.
 */
public record BusinessRules(
    String adminToken,
    Duration payWithin,
    int pinIterations,
    int maxPinFailures,
    Duration lockout,
    Duration outboxInterval,
    java.time.ZoneId settlementZone,
    java.util.Set<String> salesHosts,
    com.kippu.center.card.RechargeLimits recharge,
    UserSecurity users) {
  public static final Duration DEFAULT_PAY_WITHIN = Duration.ofHours(72);
  public static final int DEFAULT_PIN_ITERATIONS = 600_000;
  public static final int DEFAULT_MAX_PIN_FAILURES = 5;
  public static final Duration DEFAULT_LOCKOUT = Duration.ofMinutes(30);
  public static final Duration DEFAULT_OUTBOX = Duration.ofSeconds(10);
  public static final java.time.ZoneId DEFAULT_ZONE = java.time.ZoneId.of("Asia/Tokyo");

  public BusinessRules {
    adminToken = adminToken == null ? "" : adminToken.strip();
    java.util.Objects.requireNonNull(settlementZone, "settlementZone");
    salesHosts = java.util.Set.copyOf(salesHosts);
    java.util.Objects.requireNonNull(recharge, "recharge");
    java.util.Objects.requireNonNull(users, "users");
    operatorTokens(adminToken);
    if (payWithin.isNegative() || payWithin.isZero()) {
      throw new IllegalArgumentException("center.reservation.pay-within.hours must be positive");
    }
    if (pinIterations < 1_000) {
      throw new IllegalArgumentException("center.user.pin-iterations must be at least 1000");
    }
    if (maxPinFailures < 1) {
      throw new IllegalArgumentException("center.user.max-pin-failures must be at least 1");
    }
    if (lockout.isNegative() || lockout.isZero()) {
      throw new IllegalArgumentException("center.user.lockout.minutes must be positive");
    }
    if (outboxInterval.isNegative()) {
      throw new IllegalArgumentException("center.outbox.seconds must not be negative (0 = off)");
    }
  }

  public static BusinessRules defaults() {
    return new BusinessRules(
        "",
        DEFAULT_PAY_WITHIN,
        DEFAULT_PIN_ITERATIONS,
        DEFAULT_MAX_PIN_FAILURES,
        DEFAULT_LOCKOUT,
        DEFAULT_OUTBOX,
        DEFAULT_ZONE,
        java.util.Set.of(),
        com.kippu.center.card.RechargeLimits.DEFAULT,
        UserSecurity.defaults());
  }

  /**
   * The operators and their bearer tokens: {@code center.admin.token} is one token (operator
   * {@value #DEFAULT_OPERATOR}) or {@code name:token} pairs separated by commas, one per operator,
   * as dual control needs two.
   */
  public java.util.Map<String, String> operatorTokens() {
    return operatorTokens(adminToken);
  }

  public static final String DEFAULT_OPERATOR = "operator";

  private static java.util.Map<String, String> operatorTokens(String setting) {
    java.util.Map<String, String> tokens = new java.util.LinkedHashMap<>();
    if (setting.isEmpty()) {
      return tokens;
    }
    for (String entry : setting.split(",")) {
      int colon = entry.indexOf(':');
      String name = colon < 0 ? DEFAULT_OPERATOR : entry.substring(0, colon).strip();
      String token = entry.substring(colon + 1).strip();
      if (name.isEmpty() || token.length() < 16) {
        throw new IllegalArgumentException(
            "center.admin.token needs tokens of at least 16 characters (name:token, ...)");
      }
      if (tokens.containsValue(token) || tokens.put(name, token) != null) {
        throw new IllegalArgumentException("center.admin.token repeats an operator or a token");
      }
    }
    return tokens;
  }

  public BusinessRules withAdminToken(String token) {
    return new BusinessRules(
        token,
        payWithin,
        pinIterations,
        maxPinFailures,
        lockout,
        outboxInterval,
        settlementZone,
        salesHosts,
        recharge,
        users);
  }

  public BusinessRules withPinIterations(int iterations) {
    return new BusinessRules(
        adminToken,
        payWithin,
        iterations,
        maxPinFailures,
        lockout,
        outboxInterval,
        settlementZone,
        salesHosts,
        recharge,
        users);
  }

  public BusinessRules withOutboxInterval(Duration interval) {
    return new BusinessRules(
        adminToken,
        payWithin,
        pinIterations,
        maxPinFailures,
        lockout,
        interval,
        settlementZone,
        salesHosts,
        recharge,
        users);
  }

  /** Hosts an issuer's sales endpoint may be on. */
  public BusinessRules withSalesHosts(java.util.Set<String> hosts) {
    return new BusinessRules(
        adminToken,
        payWithin,
        pinIterations,
        maxPinFailures,
        lockout,
        outboxInterval,
        settlementZone,
        hosts,
        recharge,
        users);
  }

  /** What a card may hold and be recharged with in a day (F11). */
  public BusinessRules withRecharge(com.kippu.center.card.RechargeLimits limits) {
    return new BusinessRules(
        adminToken,
        payWithin,
        pinIterations,
        maxPinFailures,
        lockout,
        outboxInterval,
        settlementZone,
        salesHosts,
        limits,
        users);
  }

  /** With {@code security} for registered users and their cards. */
  public BusinessRules withUsers(UserSecurity security) {
    return new BusinessRules(
        adminToken,
        payWithin,
        pinIterations,
        maxPinFailures,
        lockout,
        outboxInterval,
        settlementZone,
        salesHosts,
        recharge,
        security);
  }

  static BusinessRules from(java.util.Map<String, String> settings) {
    String zone = settings.getOrDefault("center.settlement.zone", DEFAULT_ZONE.getId());
    java.time.ZoneId settlementZone;
    try {
      settlementZone = java.time.ZoneId.of(zone.strip());
    } catch (java.time.DateTimeException e) {
      throw new IllegalArgumentException("center.settlement.zone is not a time zone: " + zone, e);
    }
    return new BusinessRules(
        settings.getOrDefault("center.admin.token", ""),
        Duration.ofHours(
            CenterSettings.intOf(
                settings,
                "center.reservation.pay-within.hours",
                (int) DEFAULT_PAY_WITHIN.toHours())),
        CenterSettings.intOf(settings, "center.user.pin-iterations", DEFAULT_PIN_ITERATIONS),
        CenterSettings.intOf(settings, "center.user.max-pin-failures", DEFAULT_MAX_PIN_FAILURES),
        Duration.ofMinutes(
            CenterSettings.intOf(
                settings, "center.user.lockout.minutes", (int) DEFAULT_LOCKOUT.toMinutes())),
        Duration.ofSeconds(
            CenterSettings.intOf(
                settings, "center.outbox.seconds", (int) DEFAULT_OUTBOX.toSeconds())),
        settlementZone,
        java.util.Arrays.stream(settings.getOrDefault("center.issuer.sales-hosts", "").split(","))
            .map(String::strip)
            .filter(h -> !h.isEmpty())
            .collect(java.util.stream.Collectors.toSet()),
        new com.kippu.center.card.RechargeLimits(
            CenterSettings.intOf(
                settings,
                "center.recharge.max-card-value-yen",
                (int) com.kippu.center.card.RechargeLimits.DEFAULT.maxCardValueYen()),
            CenterSettings.intOf(
                settings,
                "center.recharge.max-per-day-yen",
                (int) com.kippu.center.card.RechargeLimits.DEFAULT.maxPerDayYen())),
        UserSecurity.from(settings));
  }
}
