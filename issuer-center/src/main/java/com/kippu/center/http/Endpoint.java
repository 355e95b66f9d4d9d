package com.kippu.center.http;

/** One operation of the API, answered on the thread that handles the request. */
@FunctionalInterface
interface Endpoint {
  Response handle(Request request) throws ApiException;
}
