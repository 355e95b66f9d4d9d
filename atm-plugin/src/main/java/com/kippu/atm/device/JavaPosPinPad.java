package com.kippu.atm.device;

import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.PinBlock;
import com.kippu.atm.payment.PinEntryCancelledException;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.payment.WorkingKey;
import com.kippu.devices.PinEntry;
import java.time.Duration;
import java.util.HexFormat;
import jpos.JposException;

/**
 * The {@link PinPad} port over any JavaPOS PINPad service loaded from {@code jpos.xml}: the PIN key
 * arrives under the terminal master key and the PIN leaves only as an ISO 9564 format 0 block.
 */
public final class JavaPosPinPad implements PinPad, AutoCloseable {
  private final PinEntry pad;
  private final Duration entryTimeout;

  public JavaPosPinPad(PinEntry pad, Duration entryTimeout) {
    this.pad = pad;
    this.entryTimeout = entryTimeout;
  }

  @Override
  public void loadPinKey(WorkingKey pinKey) {
    try {
      pad.loadPinKey(HexFormat.of().formatHex(pinKey.underMasterKey()), pinKey.checkValue());
    } catch (JposException e) {
      // The port's contract: a key the pad refuses is a bad key, and the old key stays in use.
      throw new IllegalArgumentException(
          "PIN pad " + pad.logicalName() + " refused PIN key " + pinKey + ": " + e.getMessage(), e);
    }
  }

  @Override
  public PinBlock readPin(CardNumber card) throws PinEntryCancelledException {
    try {
      String block = pad.requestPinBlock(card.value(), entryTimeout);
      return new PinBlock(HexFormat.of().parseHex(block), PinBlock.Format.ISO_9564_FORMAT_0);
    } catch (PinEntry.CancelledException e) {
      throw new PinEntryCancelledException(
          (e.timedOut() ? "PIN entry timed out for " : "PIN entry cancelled for ") + card.masked());
    } catch (JposException e) {
      throw new IllegalStateException(
          "PIN pad " + pad.logicalName() + " failed for " + card.masked() + ": " + e.getMessage(),
          e);
    }
  }

  @Override
  public void loadCenterPinKey(WorkingKey pinKey) {
    try {
      pad.loadPinKey(
          PinEntry.CENTER_HOST,
          HexFormat.of().formatHex(pinKey.underMasterKey()),
          pinKey.checkValue());
    } catch (JposException e) {
      throw new IllegalArgumentException(
          "PIN pad "
              + pad.logicalName()
              + " refused center PIN key "
              + pinKey
              + ": "
              + e.getMessage(),
          e);
    }
  }

  @Override
  public PinBlock readUserPin(String userAccount) throws PinEntryCancelledException {
    try {
      String block = pad.requestPinBlock(userAccount, entryTimeout, PinEntry.CENTER_HOST);
      return new PinBlock(HexFormat.of().parseHex(block), PinBlock.Format.ISO_9564_FORMAT_0);
    } catch (PinEntry.CancelledException e) {
      throw new PinEntryCancelledException(
          e.timedOut() ? "user PIN entry timed out" : "user PIN entry cancelled");
    } catch (JposException e) {
      throw new IllegalStateException(
          "PIN pad " + pad.logicalName() + " failed for a user PIN: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws JposException {
    pad.close();
  }
}
