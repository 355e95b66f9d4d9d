package com.kippu.gate.check;

import com.kippu.atm.center.IssuerId;
import com.kippu.atm.center.SignedDocument;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The gate's own memory, surviving restarts: admissions (single use of every ticket, printed ones
 * included), the newest revocation list it verified, and the issuer key certificates it holds for
 * offline checks.
 */
public interface GateStore extends AutoCloseable {

  Optional<Admission> admission(String ticketNumber);

  /** Records {@code admission} unless the ticket is already recorded; true when it was new. */
  boolean record(Admission admission);

  /** Admissions the center has not heard of yet, oldest first. */
  List<Admission> unsynced();

  void markSynced(String ticketNumber);

  Optional<SignedDocument> revocationList();

  /** Keeps {@code list} unless a list of a higher version is kept already. */
  void keepRevocationList(long version, SignedDocument list);

  Map<IssuerId, SignedDocument> certificates();

  void keepCertificate(IssuerId issuer, SignedDocument certificate);

  @Override
  void close();
}
