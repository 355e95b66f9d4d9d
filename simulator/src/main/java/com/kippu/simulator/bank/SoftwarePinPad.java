package com.kippu.simulator.bank;

import com.kippu.atm.bank.TerminalSecurity;
import com.kippu.atm.payment.CardNumber;
import com.kippu.atm.payment.PinBlock;
import com.kippu.atm.payment.PinEntryCancelledException;
import com.kippu.atm.payment.PinPad;
import com.kippu.atm.payment.WorkingKey;
import com.kippu.iso8583.security.Iso9564;
import com.kippu.iso8583.security.KeyType;
import com.kippu.iso8583.security.SecurityModuleException;
import com.kippu.iso8583.security.SoftwareHsm;
import com.kippu.iso8583.security.StoredKey;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * An encrypting PIN pad in software, for tests and the benchmark: holds the terminal's development
 * TMK in its own security module, takes the PIN key at key change and turns the PINs a caller
 * queues or hands over into ISO 9564 format 0 blocks under it. The clear PIN lives only here, and
 * is wiped once encrypted.
 */
public final class SoftwarePinPad implements PinPad {
  private final SoftwareHsm hsm =
      SoftwareHsm.withLmk(SoftwareHsm.newLmk(new SecureRandom()), new SecureRandom());
  private final StoredKey tmk;
  private final Deque<char[]> entries = new ArrayDeque<>();
  private volatile StoredKey tpk;

  public SoftwarePinPad(String terminalId) {
    this(TerminalSecurity.developmentMasterKey(terminalId));
  }

  /** A pad holding {@code clearTmk} (wiped here) instead of a development key. */
  public SoftwarePinPad(byte[] clearTmk) {
    tmk = hsm.importClear(KeyType.TMK, clearTmk);
    Arrays.fill(clearTmk, (byte) 0);
  }

  /** The customer will type {@code pin} at the next prompt. */
  public synchronized SoftwarePinPad willEnter(String pin) {
    entries.add(pin.toCharArray());
    return this;
  }

  @Override
  public void loadPinKey(WorkingKey pinKey) {
    try {
      tpk = hsm.importUnderTmk(KeyType.TPK, pinKey.underMasterKey(), tmk, pinKey.checkValue());
    } catch (SecurityModuleException e) {
      throw new IllegalArgumentException("PIN key refused: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized PinBlock readPin(CardNumber card) throws PinEntryCancelledException {
    char[] pin = entries.poll();
    if (pin == null) {
      throw new PinEntryCancelledException("no PIN entered");
    }
    return encrypt(card, pin);
  }

  /** The block of {@code pin} for {@code card}, as if typed now, without a queued entry. */
  public PinBlock pinBlock(CardNumber card, String pin) {
    return encrypt(card, pin.toCharArray());
  }

  private PinBlock encrypt(CardNumber card, char[] pin) {
    StoredKey key = tpk;
    if (key == null) {
      Arrays.fill(pin, '\0');
      throw new IllegalStateException("no PIN key loaded: the link has not changed keys yet");
    }
    try {
      byte[] block = hsm.encryptPinBlock(key, Iso9564.format0(pin, card.value()));
      return new PinBlock(block, PinBlock.Format.ISO_9564_FORMAT_0);
    } finally {
      Arrays.fill(pin, '\0');
    }
  }
}
