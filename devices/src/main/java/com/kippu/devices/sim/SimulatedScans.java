package com.kippu.devices.sim;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The scan windows of simulated barcode scanners, one per device name (the {@code deviceName}
 * property of {@link SimulatedScanner}, by default its logical name). Holding a printed ticket's
 * code under the window passes the code's decoded data, as a 2D imager decodes a QR code; only an
 * enabled, powered scanner reads it.
 *
 * <pre>{@code
 * SimulatedScans.window("Gate-1/Scanner").present(qrText.getBytes(US_ASCII));
 * }</pre>
 */
public final class SimulatedScans {

  private static final ConcurrentMap<String, Window> WINDOWS = new ConcurrentHashMap<>();

  private SimulatedScans() {}

  /** The window named {@code name}, created on first use. */
  public static Window window(String name) {
    return WINDOWS.computeIfAbsent(name, n -> new Window());
  }

  /** What a service does with a code: true when it read it (enabled and powered). */
  interface Head {
    boolean read(byte[] label, int symbology);
  }

  /** One scan window; the scanners attached to it read what is presented. */
  public static final class Window {
    private final CopyOnWriteArrayList<Head> heads = new CopyOnWriteArrayList<>();

    void attach(Head head) {
      heads.add(head);
    }

    void detach(Head head) {
      heads.remove(head);
    }

    /**
     * Presents a QR code whose decoded data is {@code label}; true when a scanner read it, false
     * when none was enabled and powered.
     */
    public boolean present(byte[] label) {
      return present(label, jpos.ScannerConst.SCAN_SDT_QRCODE);
    }

    /** Presents a code of symbology {@code symbology} ({@code ScannerConst.SCAN_SDT_*}). */
    public boolean present(byte[] label, int symbology) {
      boolean read = false;
      for (Head h : heads) {
        read |= h.read(label.clone(), symbology);
      }
      return read;
    }
  }
}
