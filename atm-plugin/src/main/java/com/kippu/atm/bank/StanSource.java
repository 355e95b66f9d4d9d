package com.kippu.atm.bank;

/**
 * Hands out the terminal's next STAN. Implementations must never hand out the same STAN twice
 * within the host's duplicate-detection window, including across restarts once persisted.
 */
public interface StanSource {
  Stan next();
}
