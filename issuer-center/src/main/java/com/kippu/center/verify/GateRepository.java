package com.kippu.center.verify;

import java.util.function.Function;

/** Port to ticket admission state; {@link #write} runs its work in one transaction. */
public interface GateRepository {
  <T> T write(Function<GateStore, T> work);

  <T> T read(Function<GateStore, T> work);
}
