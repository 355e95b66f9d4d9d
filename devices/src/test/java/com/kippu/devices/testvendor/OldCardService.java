package com.kippu.devices.testvendor;

/** A vendor service built for UnifiedPOS 1.13 that still implements the 1.14 interface. */
public class OldCardService extends MemoryCardService {

  @Override
  public int getDeviceServiceVersion() {
    return 1_013_002;
  }
}
