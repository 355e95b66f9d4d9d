package com.kippu.center.http;

import java.util.concurrent.CompletionStage;

/**
 * An operation whose answer comes later from another thread (a hold waiting for its batch to
 * commit), so no request thread waits for it. The answer is written by the thread that completes
 * the stage.
 */
@FunctionalInterface
interface DeferredEndpoint {
  CompletionStage<Response> handle(Request request) throws ApiException;

  /** As {@link Endpoint#admit}: checks on the request head, made before the body is read. */
  default void admit(Request request) throws ApiException {}
}
