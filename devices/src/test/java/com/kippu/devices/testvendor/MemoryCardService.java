package com.kippu.devices.testvendor;

import com.kippu.devices.CardAccessExchange;
import com.kippu.devices.CardApdu;
import com.kippu.devices.CardApdu.Command;
import com.kippu.devices.CardApdu.Response;
import com.kippu.devices.ChipData;
import java.util.ArrayList;
import java.util.List;
import jpos.JposConst;
import jpos.JposException;
import jpos.SmartCardRWConst;
import jpos.services.EventCallbacks;
import jpos.services.SmartCardRWService114;

/**
 * A "vendor" SmartCardRW service that exists only in the tests: implements the JavaPOS interface
 * directly (no Kippu base class, not Configurable) with an in-memory card, to prove the control
 * layer drives any service named in a jpos.xml.
 */
public class MemoryCardService implements SmartCardRWService114 {

  static final ChipData CHIP = new ChipData("MEM-1", "Vendor Test", "0009-009-0000001", 500);
  static final List<String> CALLS = new ArrayList<>();
  static final List<byte[]> RECORDS = new ArrayList<>();
  private static final byte[] RECORD_KEY = new byte[CardAccessExchange.RECORD_KEY_LENGTH];
  private static volatile byte[] accessRoot;

  /** The center root key (X.509) this card was personalised with: it answers GET ACCESS then. */
  public static void personaliseFor(byte[] centerRootKeyX509) {
    accessRoot = centerRootKeyX509.clone();
  }

  private boolean open;
  private boolean claimed;
  private boolean enabled;
  private byte[] response;

  private void ready() throws JposException {
    if (!open) {
      throw new JposException(JposConst.JPOS_E_CLOSED, "closed");
    }
    if (!claimed) {
      throw new JposException(JposConst.JPOS_E_NOTCLAIMED, "not claimed");
    }
    if (!enabled) {
      throw new JposException(JposConst.JPOS_E_DISABLED, "disabled");
    }
  }

  @Override
  public void open(String name, EventCallbacks cb) {
    CALLS.add("open " + name);
    open = true;
  }

  @Override
  public void claim(int timeout) {
    CALLS.add("claim");
    claimed = true;
  }

  @Override
  public void setDeviceEnabled(boolean e) {
    CALLS.add("enable " + e);
    enabled = e;
  }

  @Override
  public void release() {
    CALLS.add("release");
    claimed = false;
  }

  @Override
  public void close() {
    CALLS.add("close");
    open = false;
  }

  @Override
  public void deleteInstance() {
    CALLS.add("deleteInstance");
  }

  @Override
  public void writeData(int action, int count, String data) throws JposException {
    ready();
    Command c = Command.decode(CardApdu.fromJposData(data, count));
    Response r;
    if (c.ins() == CardApdu.INS_READ_BINARY) {
      r = new Response(CardApdu.encodeChipArea(CHIP, "VK"), CardApdu.SW_OK);
    } else if (c.ins() == CardApdu.INS_APPEND_RECORD) {
      RECORDS.add(c.data());
      r = Response.status(CardApdu.SW_OK);
    } else if (c.ins() == CardApdu.INS_READ_RECORD) {
      r =
          c.p1() <= RECORDS.size()
              ? new Response(RECORDS.get(c.p1() - 1), CardApdu.SW_OK)
              : Response.status(CardApdu.SW_RECORD_NOT_FOUND);
    } else if (c.ins() == CardAccessExchange.INS_GET_ACCESS && accessRoot != null) {
      r =
          CardAccessExchange.answer(RECORD_KEY, accessRoot, CHIP.cardId(), c.data())
              .map(a -> new Response(a, CardApdu.SW_OK))
              .orElseGet(() -> Response.status(CardApdu.SW_SECURITY_NOT_SATISFIED));
    } else {
      r = Response.status(CardApdu.SW_NOT_ALLOWED);
    }
    response = r.encode();
  }

  @Override
  public void readData(int action, int[] count, String[] data) throws JposException {
    ready();
    count[0] = response.length;
    data[0] = CardApdu.toJposData(response);
  }

  @Override
  public boolean getClaimed() {
    return claimed;
  }

  @Override
  public boolean getDeviceEnabled() {
    return enabled;
  }

  @Override
  public int getState() {
    return open ? JposConst.JPOS_S_IDLE : JposConst.JPOS_S_CLOSED;
  }

  @Override
  public int getCapInterfaceMode() {
    return SmartCardRWConst.SC_CMODE_APDU;
  }

  @Override
  public void setInterfaceMode(int m) {
    CALLS.add("interfaceMode " + m);
  }

  @Override
  public int getSCPresentSensor() {
    return 1;
  }

  @Override
  public int getSCSlot() {
    return 1;
  }

  @Override
  public String getCheckHealthText() {
    return "";
  }

  @Override
  public String getDeviceServiceDescription() {
    return "memory card";
  }

  @Override
  public int getDeviceServiceVersion() {
    return 1_014_000;
  }

  @Override
  public boolean getFreezeEvents() {
    return false;
  }

  @Override
  public void setFreezeEvents(boolean f) {}

  @Override
  public String getPhysicalDeviceDescription() {
    return "memory";
  }

  @Override
  public String getPhysicalDeviceName() {
    return "memory";
  }

  @Override
  public void checkHealth(int level) {}

  @Override
  public void directIO(int c, int[] d, Object o) {}

  @Override
  public boolean getCapCardErrorDetection() {
    return false;
  }

  @Override
  public int getCapIsoEmvMode() {
    return SmartCardRWConst.SC_CMODE_ISO;
  }

  @Override
  public int getCapPowerReporting() {
    return JposConst.JPOS_PR_NONE;
  }

  @Override
  public int getCapSCPresentSensor() {
    return 1;
  }

  @Override
  public int getCapSCSlots() {
    return 1;
  }

  @Override
  public boolean getCapStatisticsReporting() {
    return false;
  }

  @Override
  public int getCapTransmissionProtocol() {
    return SmartCardRWConst.SC_CTRANS_PROTOCOL_T1;
  }

  @Override
  public boolean getCapUpdateStatistics() {
    return false;
  }

  @Override
  public int getDataCount() {
    return 0;
  }

  @Override
  public boolean getDataEventEnabled() {
    return false;
  }

  @Override
  public void setDataEventEnabled(boolean e) {}

  @Override
  public int getInterfaceMode() {
    return SmartCardRWConst.SC_MODE_APDU;
  }

  @Override
  public int getIsoEmvMode() {
    return SmartCardRWConst.SC_MODE_ISO;
  }

  @Override
  public void setIsoEmvMode(int m) {}

  @Override
  public int getOutputID() {
    return 0;
  }

  @Override
  public int getPowerNotify() {
    return 0;
  }

  @Override
  public void setPowerNotify(int n) {}

  @Override
  public int getPowerState() {
    return JposConst.JPOS_PS_UNKNOWN;
  }

  @Override
  public void setSCSlot(int s) {}

  @Override
  public boolean getTransactionInProgress() {
    return false;
  }

  @Override
  public int getTransmissionProtocol() {
    return SmartCardRWConst.SC_TRANS_PROTOCOL_T1;
  }

  @Override
  public void beginInsertion(int t) {}

  @Override
  public void beginRemoval(int t) {}

  @Override
  public void clearInput() {}

  @Override
  public void clearOutput() {}

  @Override
  public void endInsertion() {}

  @Override
  public void endRemoval() {}

  @Override
  public void resetStatistics(String s) {}

  @Override
  public void retrieveStatistics(String[] s) {}

  @Override
  public void updateStatistics(String s) {}

  @Override
  public boolean getCapCompareFirmwareVersion() {
    return false;
  }

  @Override
  public boolean getCapUpdateFirmware() {
    return false;
  }

  @Override
  public void compareFirmwareVersion(String f, int[] r) {}

  @Override
  public void updateFirmware(String f) {}

  @Override
  public void clearInputProperties() {}
}
