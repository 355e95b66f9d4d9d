package com.kippu.center.terminal;

import com.kippu.center.reservation.TerminalId;
import java.time.Instant;
import java.util.Optional;

/** Port to each terminal's current user-PIN key, kept only under the terminal's master key. */
public interface PinKeyRepository {
  /** A PIN key as stored: encrypted under the terminal's center master key, and its check value. */
  record StoredKey(byte[] underMaster, String checkValue, Instant issuedAt) {
    public StoredKey {
      underMaster = underMaster.clone();
    }

    @Override
    public byte[] underMaster() {
      return underMaster.clone();
    }
  }

  /** Replaces the terminal's key. */
  void put(TerminalId terminal, StoredKey key);

  Optional<StoredKey> current(TerminalId terminal);
}
