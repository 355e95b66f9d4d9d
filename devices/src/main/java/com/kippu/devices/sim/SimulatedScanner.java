package com.kippu.devices.sim;

import java.util.Map;
import java.util.Set;
import jpos.JposException;
import jpos.ScannerConst;
import jpos.services.ScannerService114;

/**
 * A JavaPOS Scanner service over a simulated scan window ({@link SimulatedScans}): a 2D imager that
 * reads a presented QR code and delivers it as a DataEvent with ScanData (the raw label),
 * ScanDataLabel (the decoded data) and ScanDataType. DecodeData decides whether ScanDataLabel and
 * ScanDataType are filled (UnifiedPOS: otherwise empty and SCAN_SDT_UNKNOWN).
 *
 * <p>jpos.xml property: {@code deviceName} (String, default the logical name) — the window read.
 */
public class SimulatedScanner extends AbstractSimulatedService implements ScannerService114 {

  private static final byte[] NONE = new byte[0];

  private final SimulatedScans.Head head = this::onCode;
  private SimulatedScans.Window window;
  private boolean decodeData;
  private byte[] scanData = NONE;
  private byte[] scanDataLabel = NONE;
  private int scanDataType = ScannerConst.SCAN_SDT_UNKNOWN;

  @Override
  public void configure(Map<String, Object> props) throws JposException {
    Object name = props.get("deviceName");
    if (name != null && !(name instanceof String s && !s.isBlank())) {
      throw illegal("property deviceName must be a non-empty String");
    }
    super.configure(props);
  }

  @Override
  protected Set<String> propertiesReadLater() {
    return Set.of("deviceName");
  }

  @Override
  protected String description() {
    return "2D barcode scanner (QR codes from SimulatedScans)";
  }

  @Override
  protected String physicalDeviceKey() {
    return stringProperty("deviceName", logicalName());
  }

  @Override
  protected void onOpen() {
    window = SimulatedScans.window(physicalDeviceKey());
    window.attach(head);
  }

  @Override
  protected void onClose() {
    window.detach(head);
  }

  @Override
  protected synchronized void onClearInput() {
    publish(NONE, ScannerConst.SCAN_SDT_UNKNOWN);
  }

  private boolean onCode(byte[] label, int symbology) {
    synchronized (this) {
      if (!enabledQuietly() || !hardware().online()) {
        return false;
      }
    }
    queueData(0, () -> publish(label, symbology));
    return true;
  }

  private synchronized void publish(byte[] label, int symbology) {
    scanData = label;
    scanDataLabel = decodeData ? label : NONE;
    scanDataType = decodeData ? symbology : ScannerConst.SCAN_SDT_UNKNOWN;
  }

  private boolean enabledQuietly() {
    try {
      return getDeviceEnabled();
    } catch (JposException e) {
      return false;
    }
  }

  @Override
  public synchronized boolean getDecodeData() throws JposException {
    requireOpen();
    return decodeData;
  }

  @Override
  public synchronized void setDecodeData(boolean decode) throws JposException {
    requireOpen();
    decodeData = decode;
  }

  @Override
  public synchronized byte[] getScanData() throws JposException {
    requireOpen();
    return scanData.clone();
  }

  @Override
  public synchronized byte[] getScanDataLabel() throws JposException {
    requireOpen();
    return scanDataLabel.clone();
  }

  @Override
  public synchronized int getScanDataType() throws JposException {
    requireOpen();
    return scanDataType;
  }

  @Override
  public synchronized void clearInputProperties() throws JposException {
    requireOpen();
    scanData = NONE;
    scanDataLabel = NONE;
    scanDataType = ScannerConst.SCAN_SDT_UNKNOWN;
  }
}
