package com.kippu.atm.flow.pay;

import com.kippu.atm.payment.BankHost;
import com.kippu.atm.payment.BankUnavailableException;
import com.kippu.atm.payment.CashDepositRequest;
import com.kippu.atm.payment.TransferRequest;
import com.kippu.atm.payment.TransferResult;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * A bank host that credits cash deposits to the issuer and keeps each approval, like the link,
 * until it is settled or reversed. {@code answer} is the next response code; null makes the next
 * credit's outcome unknown (applied, and its reversal queued).
 */
final class FakeDepositBank implements BankHost {
  long issuerYen;
  String answer = "00";

  /** Fault switch: reversals are queued but not confirmed. */
  boolean hostDown;

  final Map<String, CashDepositRequest> kept = new HashMap<>();
  final Set<String> reversed = new HashSet<>();
  private int stan;

  @Override
  public TransferResult depositCash(CashDepositRequest request) throws BankUnavailableException {
    stan++;
    String s = String.format("%06d", stan);
    if (answer == null) {
      kept.put(request.transactionId(), request);
      issuerYen += request.amount().yen();
      throw new BankUnavailableException("no answer; reversal queued");
    }
    if (!"00".equals(answer)) {
      return new TransferResult(answer, s, "RRN" + s, "", Instant.EPOCH);
    }
    issuerYen += request.amount().yen();
    kept.put(request.transactionId(), request);
    return new TransferResult("00", s, "RRN" + s, "A" + s, Instant.EPOCH);
  }

  @Override
  public TransferResult transfer(TransferRequest request) {
    throw new UnsupportedOperationException("cash only");
  }

  @Override
  public void settled(String transactionId) {
    kept.remove(transactionId);
  }

  @Override
  public boolean reverseApproved(String transactionId) throws BankUnavailableException {
    if (reversed.contains(transactionId)) {
      return true;
    }
    CashDepositRequest original = kept.get(transactionId);
    if (original == null) {
      return false;
    }
    if (hostDown) {
      throw new BankUnavailableException("reversal queued");
    }
    kept.remove(transactionId);
    issuerYen -= original.amount().yen();
    reversed.add(transactionId);
    return true;
  }

  @Override
  public boolean echo() {
    return true;
  }

  @Override
  public void close() {}
}
