package com.kippu.devices.cash;

import jpos.CashChangerConst;

/** The state of a cash unit's dispensable stock and mechanism (UnifiedPOS DeviceStatus). */
public enum CashUnitStatus {
  OK,
  NEAR_EMPTY,
  EMPTY,
  /** A mechanical fault (jam, shutter, pieces left in escrow); clear it before dispensing. */
  JAM;

  /**
   * The status for a CHAN_STATUS_* DeviceStatus value.
   *
   * @throws IllegalArgumentException for a value DeviceStatus cannot take
   */
  public static CashUnitStatus ofDeviceStatus(int status) {
    return switch (status) {
      case CashChangerConst.CHAN_STATUS_OK -> OK;
      case CashChangerConst.CHAN_STATUS_NEAREMPTY -> NEAR_EMPTY;
      case CashChangerConst.CHAN_STATUS_EMPTY -> EMPTY;
      case CashChangerConst.CHAN_STATUS_JAM -> JAM;
      default -> throw new IllegalArgumentException("not a DeviceStatus value: " + status);
    };
  }
}
