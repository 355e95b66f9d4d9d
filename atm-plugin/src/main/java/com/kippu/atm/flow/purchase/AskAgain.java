package com.kippu.atm.flow.purchase;

import com.kippu.atm.center.CenterException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * Repeats an idempotent call to the center (a hold under its request number, an issuance under its
 * payment proof) while its answer is unknown: no answer, a 5xx, an unreadable body. A refusal, or
 * the third unknown answer, is thrown to the step, which decides what the doubt means.
 */
public final class AskAgain {
  static final int ATTEMPTS = 3;

  private static final Duration PAUSE = Duration.ofMillis(200);
  private static final Logger LOG = Logger.getLogger(AskAgain.class.getName());

  /** One call to the center. */
  public interface Call<T> {
    T call() throws CenterException;
  }

  private AskAgain() {}

  public static <T> T whileUnknown(String what, Call<T> call)
      throws CenterException, InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return call.call();
      } catch (CenterException e) {
        if (!e.outcomeUnknown() || attempt == ATTEMPTS) {
          throw e;
        }
        LOG.info(what + " asked again: " + e.getMessage());
        Thread.sleep(PAUSE.toMillis());
      }
    }
  }
}
