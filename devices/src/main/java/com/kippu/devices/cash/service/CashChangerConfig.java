package com.kippu.devices.cash.service;

import com.kippu.devices.cash.CashCounts;
import com.kippu.devices.cash.Denomination;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import jpos.JposConst;
import jpos.JposException;

/**
 * The jpos.xml properties every Kippu CashChanger service reads, checked once at configure time:
 * {@code countsFile} (required), {@code initialCounts}, {@code nearEmptyCount} and {@code
 * dispenseTimeoutMs}. A bad value is refused with JPOS_E_ILLEGAL naming the key.
 */
public record CashChangerConfig(
    Path countsFile, CashCounts initialCounts, int nearEmptyCount, Duration dispenseTimeout) {

  public static final String COUNTS_FILE = "countsFile";
  public static final String INITIAL_COUNTS = "initialCounts";
  public static final String NEAR_EMPTY_COUNT = "nearEmptyCount";
  public static final String DISPENSE_TIMEOUT_MS = "dispenseTimeoutMs";

  static final int DEFAULT_NEAR_EMPTY = 5;
  static final int DEFAULT_DISPENSE_TIMEOUT_MS = 120_000;

  public static CashChangerConfig from(Map<String, Object> props) throws JposException {
    Object file = props.get(COUNTS_FILE);
    if (!(file instanceof String f) || f.isBlank()) {
      throw bad(COUNTS_FILE, "is required (String: the file the cash counts are kept in)");
    }
    CashCounts initial;
    Object counts = props.getOrDefault(INITIAL_COUNTS, "");
    try {
      initial = CashCounts.parse(counts.toString(), Denomination.YEN);
    } catch (IllegalArgumentException e) {
      throw bad(INITIAL_COUNTS, "is not UnifiedPOS cash counts: " + e.getMessage());
    }
    int nearEmpty = integer(props, NEAR_EMPTY_COUNT, DEFAULT_NEAR_EMPTY, 0);
    int timeoutMs = integer(props, DISPENSE_TIMEOUT_MS, DEFAULT_DISPENSE_TIMEOUT_MS, 1);
    return new CashChangerConfig(Path.of(f), initial, nearEmpty, Duration.ofMillis(timeoutMs));
  }

  /** An Integer property of at least {@code min}, or {@code fallback} when absent. */
  public static int integer(Map<String, Object> props, String key, int fallback, int min)
      throws JposException {
    Object v = props.get(key);
    if (v == null) {
      return fallback;
    }
    if (!(v instanceof Integer n) || n < min) {
      throw bad(key, "must be an Integer of at least " + min + ", was '" + v + "'");
    }
    return n;
  }

  public static JposException bad(String key, String problem) {
    return new JposException(JposConst.JPOS_E_ILLEGAL, "property " + key + " " + problem);
  }
}
