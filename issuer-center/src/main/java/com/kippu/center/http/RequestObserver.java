package com.kippu.center.http;

/**
 * Told of every request the router answers, as it answers: the route template (not the path, so ids
 * do not make a series each; {@code UNMATCHED} for an unknown path), the status and the time from
 * the request's arrival. Called on the thread that answers; must not block.
 */
@FunctionalInterface
public interface RequestObserver {
  RequestObserver NONE = (method, route, status, nanos) -> {};

  void answered(String method, String route, int status, long nanos);
}
