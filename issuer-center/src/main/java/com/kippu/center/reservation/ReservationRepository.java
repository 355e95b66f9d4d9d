package com.kippu.center.reservation;

import java.util.function.Function;

/**
 * Port to reservation storage. Work passed to {@link #write} runs in one transaction, serialised
 * with every other write, and is rolled back if it throws; this is what makes a status check and
 * the change that follows it atomic (expiry, cancellation and issuance never interleave).
 */
public interface ReservationRepository {

  <T> T write(Function<ReservationStore, T> work);

  <T> T read(Function<ReservationStore, T> work);
}
