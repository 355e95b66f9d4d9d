package com.kippu.center.settlement;

import com.kippu.center.catalog.IssuerId;
import com.kippu.center.issuer.IssuerAccount;
import com.kippu.center.issuer.IssuerAccountRepository;
import com.kippu.center.reservation.Collector;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Settles each issuer per calendar month in the settlement time zone: every payment recorded in the
 * month counts once, for the issuer it was recorded against, on the side of whoever received the
 * money. Issuers with no payments get a zero line, so the statement lists every contract.
 */
public final class SettlementService {
  private final SettlementRepository payments;
  private final IssuerAccountRepository accounts;
  private final ZoneId zone;

  public SettlementService(
      SettlementRepository payments, IssuerAccountRepository accounts, ZoneId zone) {
    this.payments = payments;
    this.accounts = accounts;
    this.zone = zone;
  }

  public List<Settlement> settle(YearMonth period) {
    List<PaymentRecord> all = payments.payments(start(period), start(period.plusMonths(1)));
    List<Settlement> lines = new ArrayList<>();
    for (IssuerAccount a : accounts.all()) {
      long collected = 0;
      long receivedByIssuer = 0;
      int count = 0;
      for (PaymentRecord p : all) {
        if (!p.issuerId().equals(a.issuerId())) {
          continue;
        }
        if (p.receivedBy() == Collector.OPERATOR) {
          collected = Math.addExact(collected, p.amountYen());
        } else {
          receivedByIssuer = Math.addExact(receivedByIssuer, p.amountYen());
        }
        count++;
      }
      lines.add(
          Settlement.of(
              a.issuerId(), a.name(), period, count, collected, receivedByIssuer, a.feeBps()));
    }
    return lines;
  }

  /** The payments behind one issuer's line. */
  public List<PaymentRecord> payments(IssuerId issuerId, YearMonth period) {
    return payments.payments(start(period), start(period.plusMonths(1))).stream()
        .filter(p -> p.issuerId().equals(issuerId))
        .toList();
  }

  private Instant start(YearMonth month) {
    return month.atDay(1).atStartOfDay(zone).toInstant();
  }
}
