package com.kippu.simulator;

import com.kippu.devices.jpos.DeviceSession;
import com.kippu.devices.jpos.JposEntry;
import com.kippu.devices.jpos.JposRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jpos.JposConst;
import jpos.JposException;
import jpos.services.BaseService;

/**
 * The branch's start-up self test, as an ATM runs one when it comes up: every logical device of the
 * terminal's jpos.xml is opened, claimed and enabled through the JavaPOS control side, asked for an
 * internal health check and closed again. A device that fails is reported with its JavaPOS error;
 * the others are still checked.
 */
public final class DeviceCheck {
  private static final int CLAIM_TIMEOUT_MS = 2000;
  private static final Map<Integer, String> ERROR_NAMES = errorNames();

  private DeviceCheck() {}

  /** What the self test found for one logical device. */
  public record Report(
      String logicalName, String category, String service, String version, String result) {

    public boolean ok() {
      return result.startsWith("OK");
    }

    String line() {
      return String.format(
          "  %-15s %-19s %-34s %-6s %s", logicalName, category, service, version, result);
    }
  }

  /** Checks every device of {@code registry}, in the order of the file. */
  static List<Report> run(JposRegistry registry) {
    List<Report> reports = new ArrayList<>();
    for (String name : registry.logicalNames()) {
      reports.add(check(registry, name));
    }
    return reports;
  }

  static Report check(JposRegistry registry, String logicalName) {
    JposEntry entry;
    try {
      entry = registry.entry(logicalName);
    } catch (JposException e) {
      return new Report(logicalName, "-", "-", "-", "FAILED " + describe(e));
    }
    String product = entry.productName().isEmpty() ? entry.serviceClass() : entry.productName();
    try (DeviceSession<BaseService> session =
        DeviceSession.open(registry, logicalName, BaseService.class, CLAIM_TIMEOUT_MS)) {
      BaseService service = session.service();
      String version = version(service.getDeviceServiceVersion());
      service.checkHealth(JposConst.JPOS_CH_INTERNAL);
      String health = service.getCheckHealthText();
      return new Report(
          logicalName,
          entry.category(),
          product,
          version,
          "OK " + state(service.getState()) + (health.isBlank() ? "" : ", " + health));
    } catch (JposException | RuntimeException e) {
      return new Report(
          logicalName, entry.category(), product, "v" + entry.version(), "FAILED " + describe(e));
    }
  }

  /** A JavaPOS failure in one line: the error's name and codes, then its message. */
  public static String describe(Exception e) {
    if (e instanceof JposException je) {
      String name = ERROR_NAMES.getOrDefault(je.getErrorCode(), "error");
      String extended =
          je.getErrorCode() == JposConst.JPOS_E_EXTENDED ? "/" + je.getErrorCodeExtended() : "";
      return name + " (" + je.getErrorCode() + extended + "): " + je.getMessage();
    }
    return e.toString();
  }

  private static String version(int encoded) {
    return "v" + encoded / 1_000_000 + "." + encoded / 1000 % 1000 + "." + encoded % 1000;
  }

  private static String state(int state) {
    return switch (state) {
      case JposConst.JPOS_S_IDLE -> "idle";
      case JposConst.JPOS_S_BUSY -> "busy";
      case JposConst.JPOS_S_ERROR -> "error";
      case JposConst.JPOS_S_CLOSED -> "closed";
      default -> "state " + state;
    };
  }

  private static Map<Integer, String> errorNames() {
    Map<Integer, String> names = new TreeMap<>();
    for (Field f : JposConst.class.getFields()) {
      if (f.getName().startsWith("JPOS_E_")
          && f.getType() == int.class
          && Modifier.isStatic(f.getModifiers())) {
        try {
          names.putIfAbsent(f.getInt(null), f.getName());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException("JposConst." + f.getName() + " is not readable", e);
        }
      }
    }
    return names;
  }
}
