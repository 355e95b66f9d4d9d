package com.kippu.center.application;

import java.util.List;
import java.util.Optional;

/** Port to the issuers' card applications. */
public interface CardApplicationRepository {
  /** False when this id and version exist already (a version is never replaced). */
  boolean add(CardApplication application);

  /** The newest version of each application. */
  List<CardApplication> latest();

  /** The newest version of {@code appId}. */
  Optional<CardApplication> latest(String appId);

  /** Version {@code version} of {@code appId}. */
  Optional<CardApplication> version(String appId, int version);
}
