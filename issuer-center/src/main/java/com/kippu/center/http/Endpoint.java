package com.kippu.center.http;

/** One operation of the API, answered on the thread that handles the request. */
@FunctionalInterface
interface Endpoint {
  Response handle(Request request) throws ApiException;

  /**
   * The checks made on the request head alone, before its body is read (who may call this); a
   * refusal here is answered without waiting for a body. None by default.
   */
  default void admit(Request request) throws ApiException {}
}
