package com.kippu.center.verify;

import java.util.List;

/** Port to the revocations, oldest first. */
public interface RevocationRepository {
  List<RevocationEntry> all();
}
